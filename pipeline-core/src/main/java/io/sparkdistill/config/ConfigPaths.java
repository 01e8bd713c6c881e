package io.sparkdistill.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the relative paths written in a job's YAML point: at the folder of the config file, as docker-compose and
 * most tools read theirs, so that a shipped config finds its data from any working directory and a job's folder can
 * be moved whole. A config read from a URL ({@code hdfs://}, {@code s3a://}, ...) resolves them against its parent
 * URL. Absolute paths and URLs are kept as written, and so are the paths given by {@code --set} or {@code DISTILL__*}
 * variables: those are typed relative to the shell's working directory, so they are applied after this step.
 *
 * <p>Two keys name files that are read from the local disk rather than through Hadoop (an API key file, a prompt
 * template): they follow a local config's folder, and stay as written under a config read from a remote URL, since
 * the file sits on the machine and not next to the config.
 *
 * <p>It rewrites the YAML tree before the records are built, keyed by YAML names, so validation sees the final paths.
 */
public final class ConfigPaths {
    /** A URL: a scheme of two characters or more (so a Windows drive such as C: stays a path), then the rest. */
    private static final Pattern URL = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]+:(?://[^/]*)?)(.*)");
    /** Keys of the job read through Hadoop: local paths or URLs. */
    private static final List<String> JOB_KEYS = List.of("data.train", "data.validation", "data.test",
            "data.transfer", "output.dir", "output.teacher_cache");
    /** Keys of a teacher section read through Hadoop (relative to {@code teacher} or a {@code teachers} entry). */
    private static final List<String> TEACHER_KEYS = List.of("local.path");
    /** Keys of a teacher section read from the local disk. */
    private static final List<String> TEACHER_LOCAL_FILE_KEYS = List.of("prompt_template", "endpoint.api_key_file");

    private final UnaryOperator<String> anyFileSystem;
    private final UnaryOperator<String> localDisk;

    private ConfigPaths(UnaryOperator<String> anyFileSystem, UnaryOperator<String> localDisk) {
        this.anyFileSystem = anyFileSystem;
        this.localDisk = localDisk;
    }

    /** Leaves every path as written: for YAML text that comes from no file (tests, generated configs). */
    public static ConfigPaths asWritten() {
        return new ConfigPaths(UnaryOperator.identity(), UnaryOperator.identity());
    }

    /** Resolves relative paths against the folder of the config at {@code location}, a local path or a URL. */
    public static ConfigPaths relativeTo(String location) {
        Matcher url = URL.matcher(location);
        if (!url.matches()) {
            Path folder = Path.of(location).getParent();
            UnaryOperator<String> local = folder == null ? UnaryOperator.identity() : p -> resolve(folder, p);
            return new ConfigPaths(local, local);
        }
        String prefix = url.group(1);
        String path = url.group(2);
        String folder = path.substring(0, path.lastIndexOf('/') + 1);
        UnaryOperator<String> remote = p -> prefix + normalize(folder + p);
        if (!prefix.regionMatches(true, 0, "file:", 0, 5) || folder.isEmpty()) {
            return new ConfigPaths(remote, UnaryOperator.identity());
        }
        Path localFolder = Path.of(folder);
        return new ConfigPaths(remote, p -> resolve(localFolder, p));
    }

    /** Rewrites the relative paths of {@code root}, a job's YAML tree, in place. */
    void resolveIn(ObjectNode root) {
        JOB_KEYS.forEach(key -> rewrite(root, key, anyFileSystem));
        JsonNode teacher = root.get("teacher");
        List<JsonNode> teachers = new ArrayList<>();
        if (teacher != null) {
            teachers.add(teacher);
        }
        root.path("teachers").forEach(teachers::add);
        for (JsonNode section : teachers) {
            TEACHER_KEYS.forEach(key -> rewrite(section, key, anyFileSystem));
            TEACHER_LOCAL_FILE_KEYS.forEach(key -> rewrite(section, key, localDisk));
        }
    }

    private static void rewrite(JsonNode section, String dottedKey, UnaryOperator<String> resolver) {
        String[] keys = dottedKey.split("\\.");
        JsonNode node = section;
        for (int i = 0; i < keys.length - 1 && node != null; i++) {
            node = node.get(keys[i]);
        }
        String last = keys[keys.length - 1];
        if (node instanceof ObjectNode parent && parent.get(last) != null && parent.get(last).isTextual()) {
            String value = parent.get(last).asText();
            if (isRelativePath(value)) {
                parent.put(last, resolver.apply(value));
            }
        }
    }

    /**
     * Whether a value is a path to resolve: not blank, not a URL (nor {@code classpath:}), not absolute, and not the
     * teacher cache's {@code off}.
     */
    private static boolean isRelativePath(String value) {
        if (value.isBlank() || value.equals(OutputConfig.CACHE_OFF) || URL.matcher(value).matches()
                || value.startsWith("/") || value.startsWith("\\")) {
            return false;
        }
        try {
            return !Path.of(value).isAbsolute();
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static String resolve(Path folder, String path) {
        return folder.resolve(path).normalize().toString();
    }

    /**
     * {@code /a/b/../c} to {@code /a/c} in a URL's path, whatever characters (globs, spaces) it holds; a {@code ..}
     * above the root stays at the root, as RFC 3986 resolves it (Java's URI would keep it).
     */
    private static String normalize(String path) {
        String normalized;
        try {
            normalized = new URI(null, null, path, null).normalize().getPath();
        } catch (URISyntaxException e) {
            return path;
        }
        while (normalized.startsWith("/../")) {
            normalized = normalized.substring(3);
        }
        return normalized;
    }
}
