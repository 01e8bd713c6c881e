package io.sparkdistill.teacher.prompt;

import io.sparkdistill.ingest.TaskType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Loads prompt templates: the built-in ones ({@code classpath:prompts/<task>.yaml}) or a job's own file.
 *
 * <p>A template file is YAML (JSON works too, being YAML) with these keys:
 * <pre>
 * version: nli-v1            # required; recorded with every output; bump it when the text changes
 * task: nli                  # required; nli, classification, conversation, qa, math, summarisation
 * system: ...                # optional system message
 * user: ...                  # the user message with {placeholders}; absent for conversation
 * answer_format: ...         # optional output instruction appended to the user message
 * rationale_format: ...      # optional instruction used instead in rationale mode (JSON reason + answer)
 * rationale: false           # optional; true turns rationale mode on for this file
 * </pre>
 * Unknown keys, unknown placeholders and a task other than the one expected are rejected naming the file.
 */
public final class PromptTemplates {
    /** The prefix that makes {@link #resolve} read a classpath resource instead of a file. */
    public static final String CLASSPATH = "classpath:";
    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory()).build();
    private static final Set<String> KEYS = Set.of("version", "task", "system", "user", "answer_format",
            "rationale_format", "rationale");

    private PromptTemplates() {
    }

    /** The built-in template of a task, {@code classpath:prompts/<task>.yaml}. */
    public static PromptTemplate load(TaskType task) {
        PromptTemplate template = loadResource(builtInName(task));
        return expectTask(template, task);
    }

    /** The built-in template of a task named as in configs ("nli", "qa", "summarisation", ...). */
    public static PromptTemplate load(String task) {
        return load(TaskType.fromConfigName(task));
    }

    /** A template file on the local file system. */
    public static PromptTemplate load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PromptTemplateException("prompt template " + file + ": cannot read it: " + e, e);
        }
        return parse(text, file.toString());
    }

    /** A template on the classpath, e.g. "prompts/nli.yaml" (a leading "/" or "classpath:" is allowed). */
    public static PromptTemplate loadResource(String name) {
        String path = name.startsWith(CLASSPATH) ? name.substring(CLASSPATH.length()) : name;
        path = path.startsWith("/") ? path.substring(1) : path;
        String source = CLASSPATH + path;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = PromptTemplates.class.getClassLoader();
        }
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new PromptTemplateException("prompt template " + source + ": no such resource on the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), source);
        } catch (IOException e) {
            throw new PromptTemplateException("prompt template " + source + ": cannot read it: " + e, e);
        }
    }

    /**
     * The template a job uses for {@code task}: the built-in one when {@code override} is null or blank, else the
     * override, a path or {@code classpath:name}, which must be written for the same task.
     */
    public static PromptTemplate resolve(TaskType task, String override) {
        if (override == null || override.isBlank()) {
            return load(task);
        }
        PromptTemplate template = override.startsWith(CLASSPATH) ? loadResource(override) : load(Path.of(override));
        return expectTask(template, task);
    }

    /** Parses template text; {@code source} names it in every error message. */
    public static PromptTemplate parse(String text, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new PromptTemplateException("prompt template " + source + ": not valid YAML: "
                    + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new PromptTemplateException("prompt template " + source
                    + ": expected a mapping with keys " + KEYS.stream().sorted().toList());
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!KEYS.contains(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new PromptTemplateException("prompt template " + source + ": unknown key(s) " + unknown
                    + "; known keys: " + KEYS.stream().sorted().toList());
        }
        String taskName = text(root, "task", source);
        if (taskName == null) {
            throw new PromptTemplateException("prompt template " + source + ": 'task' is missing");
        }
        TaskType task;
        try {
            task = TaskType.fromConfigName(taskName);
        } catch (IllegalArgumentException e) {
            throw new PromptTemplateException("prompt template " + source + ": 'task': " + e.getMessage(), e);
        }
        JsonNode rationale = root.get("rationale");
        if (rationale != null && !rationale.isBoolean() && !rationale.isNull()) {
            throw new PromptTemplateException("prompt template " + source + ": 'rationale' is '" + rationale.asText()
                    + "'; expected true or false");
        }
        return new PromptTemplate(source, text(root, "version", source), task, text(root, "system", source),
                text(root, "user", source), text(root, "answer_format", source),
                text(root, "rationale_format", source), rationale != null && rationale.asBoolean());
    }

    /** The classpath name of a task's built-in template. */
    public static String builtInName(TaskType task) {
        return "prompts/" + task.configName() + ".yaml";
    }

    private static PromptTemplate expectTask(PromptTemplate template, TaskType task) {
        if (template.task() != task) {
            throw new PromptTemplateException("prompt template " + template.source() + ": written for task '"
                    + template.task().configName() + "' but the job's task is '" + task.configName() + "'");
        }
        return template;
    }

    private static String text(JsonNode root, String key, String source) {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode()) {
            throw new PromptTemplateException("prompt template " + source + ": '" + key + "' must be text");
        }
        return node.asText();
    }
}
