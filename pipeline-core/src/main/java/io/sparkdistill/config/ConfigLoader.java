package io.sparkdistill.config;

import io.sparkdistill.ingest.TaskType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Reads a job's YAML into a {@link JobConfig} and rejects what cannot run, naming the key at fault. */
public final class ConfigLoader {
    // Strict where leniency would run a different job than the one written: a section given twice is refused
    // (YAML's last-one-wins would drop the first silently), and an integer key refuses a fraction (2.7 epochs).
    private static final ObjectMapper YAML = JsonMapper.builder(YAMLFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .addHandler(new UnknownChoices())
            .build();

    private ConfigLoader() {
    }

    /** Reads the config file; relative paths in it are relative to its folder ({@link ConfigPaths}). */
    public static JobConfig load(Path file) {
        try {
            return parseFile(Files.readString(file, StandardCharsets.UTF_8), file.toString(), ConfigOverrides.none());
        } catch (IOException e) {
            throw new ConfigException("cannot read config " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses YAML text; {@code source} names it in error messages. */
    public static JobConfig parse(String yaml, String source) {
        return parse(yaml, source, ConfigOverrides.none());
    }

    /** Parses YAML text with {@code overrides} applied to its tree before the records are built and checked. */
    public static JobConfig parse(String yaml, String file, ConfigOverrides overrides) {
        return parse(yaml, file, overrides, ConfigPaths.asWritten());
    }

    /**
     * Parses the text of the config read from {@code location} (a path or URL): relative paths written in it resolve
     * against its folder, those given by {@code overrides} stay relative to the working directory.
     */
    public static JobConfig parseFile(String yaml, String location, ConfigOverrides overrides) {
        return parse(yaml, location, overrides, ConfigPaths.relativeTo(location));
    }

    private static JobConfig parse(String yaml, String file, ConfigOverrides overrides, ConfigPaths paths) {
        String source = overrides.label(file);
        JobConfig config;
        int listedTeachers;
        ConfigProblems problems = new ConfigProblems();
        try {
            JsonNode tree = YAML.readTree(yaml);
            if (tree instanceof ObjectNode root) {
                paths.resolveIn(root);
                overrides.applyTo(root, YAML, file);
                defaultArchitecture(root);
            }
            listedTeachers = tree != null && tree.has("teachers") ? tree.get("teachers").size() : -1;
            if (listedTeachers >= 0 && tree.has("teacher")) {
                throw new ConfigException(source + ": both 'teacher' and 'teachers' are set; keep 'teacher' for one "
                        + "teacher, or list every teacher under 'teachers' (each with name, weight and the keys of a "
                        + "teacher section)");
            }
            config = tree == null || tree.isMissingNode() ? null : YAML.readerFor(JobConfig.class)
                    .withAttribute(UnknownChoices.ATTRIBUTE, problems).readValue(tree);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(source + ": unknown key '" + path(e) + "'; known keys here: "
                    + e.getKnownPropertyIds(), e);
        } catch (InvalidFormatException e) {
            throw new ConfigException(source + ": key '" + path(e) + "' has value '" + e.getValue() + "', which is "
                    + (e.getTargetType().isEnum() ? "not one of " + UnknownChoices.choices(e.getTargetType())
                    : "not a valid " + e.getTargetType().getSimpleName().toLowerCase()), e);
        } catch (JsonMappingException e) {
            throw new ConfigException(source + ": key '" + path(e) + "': " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": not valid YAML: " + e.getOriginalMessage()
                    + (e.getOriginalMessage().startsWith("Duplicate field")
                    ? " (a key given twice in one section: keep one, or merge the two)" : ""), e);
        } catch (IOException e) {
            throw new ConfigException(source + ": cannot read the config: " + e.getMessage(), e);
        }
        if (config == null) {
            throw new ConfigException(source + ": the config is empty");
        }
        validate(config, source, listedTeachers, problems);
        return config;
    }

    /**
     * Writes the task's default student into a config that names none, so that {@code student.architecture} always
     * says which student a job trains (an unknown task is left for validation to report).
     */
    private static void defaultArchitecture(ObjectNode root) {
        JsonNode task = root.get("task");
        JsonNode student = root.get("student");
        if (task == null || !task.isTextual() || student != null && student.hasNonNull("architecture")
                || student != null && !student.isObject()) {
            return;
        }
        TaskType type;
        try {
            type = TaskType.fromConfigName(task.asText());
        } catch (IllegalArgumentException e) {
            return;
        }
        root.with("student").put("architecture", taskRules(type).defaultArchitecture().configName());
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /**
     * Every problem of the job at once: each record checks its own keys, the task's strategy the keys whose meaning
     * depends on the task.
     *
     * @param listedTeachers entries under {@code teachers:}, or -1 when the job has a {@code teacher:} section
     * @param problems       what reading the YAML already found (values outside an enum's choices, keys of another
     *                       teacher kind)
     */
    private static void validate(JobConfig c, String source, int listedTeachers, ConfigProblems problems) {
        problems.require(listedTeachers != 0, "teachers", "[]",
                "at least one teacher entry, or a teacher section instead");
        c.validate(problems);
        if (c.task() != null) {
            taskRules(c.task()).problems(c).forEach(problems::add);
        }
        problems.throwIfAny(source);
    }

    /** The task's own rules, found by {@link ServiceLoader} (see {@link TaskKeyRules}). */
    private static TaskKeyRules taskRules(TaskType task) {
        for (TaskKeyRules rules : ServiceLoader.load(TaskKeyRules.class, ConfigLoader.class.getClassLoader())) {
            if (rules.type() == task) {
                return rules;
            }
        }
        throw new IllegalStateException("no rules for task " + task.configName() + " on the class path: "
                + "META-INF/services/" + TaskKeyRules.class.getName() + " must list its strategy");
    }
}
