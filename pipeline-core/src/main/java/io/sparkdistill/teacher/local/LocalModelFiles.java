package io.sparkdistill.teacher.local;

import io.sparkdistill.config.LocalModelSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Where a local model's files are on this machine. A local path is used as it is; a URL is handed to a fetcher (in
 * spark-jobs: Hadoop's FileSystem), which copies it to a fresh local temporary folder, and that copy is then renamed
 * into {@code <java.io.tmpdir>/spark-distill-local-models/<hash of the URL>}. The rename is atomic, so two tasks or
 * two executors on one host racing for the same model each end up with one complete copy, and the loser's copy is
 * deleted. A later JVM on the host finds the folder and copies nothing.
 *
 * @param directory   the local model folder
 * @param modelName   the stem of the model file DJL loads
 * @param modelFile   the model file
 * @param tokenizer   the tokenizer file
 * @param fingerprint first 12 hex digits of the SHA-256 of the model file
 * @param sizeBytes   size of the model file
 */
public record LocalModelFiles(Path directory, String modelName, Path modelFile, Path tokenizer, String fingerprint,
                              long sizeBytes) {

    /** System property naming the folder the URL copies go to (default: java.io.tmpdir/spark-distill-local-models). */
    public static final String CACHE_DIR_PROPERTY = "sparkdistill.local-model.dir";

    /**
     * Finds (and for a URL, copies once) the model of {@code settings}.
     *
     * @param fetcher copies a URL (file or folder) to a new local temporary location under java.io.tmpdir and
     *                returns it; not called for local paths
     */
    public static LocalModelFiles resolve(LocalModelSettings settings, Function<String, Path> fetcher) {
        Path location = settings.isUrl() ? copyOnce(settings.path(), fetcher) : Path.of(settings.path());
        Path dir;
        String stem = settings.modelName();
        if (Files.isRegularFile(location)) {
            dir = location.toAbsolutePath().getParent();
            stem = stem != null ? stem : stripExtension(location.getFileName().toString());
        } else if (Files.isDirectory(location)) {
            dir = location.toAbsolutePath();
        } else {
            throw new IllegalArgumentException("teacher.local.path: " + settings.path() + " is neither a file nor a "
                    + "folder");
        }
        String extension = LocalModelSettings.PYTORCH.equals(settings.engine()) ? ".pt" : ".onnx";
        if (stem == null) {
            stem = onlyModelIn(dir, extension);
        }
        Path model = dir.resolve(stem + extension);
        if (!Files.isRegularFile(model)) {
            throw new IllegalArgumentException("teacher.local.model_name: no " + stem + extension + " in " + dir);
        }
        Path tokenizer = dir.resolve(settings.tokenizer());
        if (!Files.isRegularFile(tokenizer)) {
            throw new IllegalArgumentException("teacher.local.tokenizer: no " + settings.tokenizer() + " in " + dir);
        }
        try {
            return new LocalModelFiles(dir, stem, model, tokenizer, sha256Prefix(model), Files.size(model));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + model, e);
        }
    }

    /** The local folder the copy of {@code url} is (or will be) in. */
    public static Path cacheFolder(String url) {
        String configured = System.getProperty(CACHE_DIR_PROPERTY);
        Path root = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "spark-distill-local-models");
        return root.resolve(sha256Prefix(url.getBytes(StandardCharsets.UTF_8)));
    }

    private static Path copyOnce(String url, Function<String, Path> fetcher) {
        Path target = cacheFolder(url);
        Path copy = target.resolve(lastSegment(url));
        if (Files.exists(copy)) {
            return copy;
        }
        Path fetched = fetcher.apply(url);
        try {
            Files.createDirectories(target.getParent());
            // Wrap the copy in a folder of its own so the one rename publishes it whole.
            Path staging = Files.createTempDirectory(target.getParent(), target.getFileName() + "-");
            Files.move(fetched, staging.resolve(copy.getFileName()));
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                deleteTree(staging);
                throw new IOException("the local model cache " + target.getParent() + " does not support atomic "
                        + "renames", e);
            } catch (IOException lost) {
                // Another task published its copy first (the rename fails on a non-empty target): keep theirs.
                deleteTree(staging);
                if (!Files.exists(copy)) {
                    throw lost;
                }
            }
            if (!Files.exists(copy)) {
                throw new IOException(target + " exists but holds no " + copy.getFileName()
                        + "; delete it and retry");
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot put the copy of " + url + " into " + target, e);
        }
    }

    private static String lastSegment(String url) {
        String trimmed = url.replaceAll("/+$", "");
        String name = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        return name.isEmpty() ? "model" : name;
    }

    private static String onlyModelIn(Path dir, String extension) {
        List<String> stems = stemsIn(dir, extension);
        if (stems.size() == 1) {
            return stems.get(0);
        }
        // A folder of TorchScript files read as ONNX (the default), or the other way round, says which engine fits.
        String other = ".pt".equals(extension) ? ".onnx" : ".pt";
        String fix = stems.isEmpty() && !stemsIn(dir, other).isEmpty()
                ? "; it holds " + other + " files: set teacher.local.engine: "
                + (".pt".equals(other) ? LocalModelSettings.PYTORCH : LocalModelSettings.ONNX_RUNTIME)
                : "; name the one to load";
        throw new IllegalArgumentException("teacher.local.model_name: " + dir + " holds " + stems.size() + " "
                + extension + " files " + stems + fix);
    }

    private static List<String> stemsIn(Path dir, String extension) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(extension))
                    .map(LocalModelFiles::stripExtension).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static String sha256Prefix(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 6);
    }

    private static String sha256Prefix(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes), 0, 6);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
