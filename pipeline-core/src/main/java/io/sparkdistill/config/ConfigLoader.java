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
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;
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
    /** One folder name: it cannot climb out of its parent ({@code ..}) or descend ({@code a/b}). */
    private static final Pattern PATH_SEGMENT =
            Pattern.compile("(?!\\.+$)[A-Za-z0-9._-]+");
    private static final String SEGMENT_EXPECTED = "a folder name made of letters, digits, '.', '_' or '-' "
            + "(not '.' or '..')";

    private ConfigLoader() {
    }

    public static JobConfig load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
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
        String source = overrides.label(file);
        JobConfig config;
        int listedTeachers;
        ConfigProblems problems = new ConfigProblems();
        try {
            JsonNode tree = YAML.readTree(yaml);
            if (tree instanceof ObjectNode root) {
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

    /** @param listedTeachers entries under {@code teachers:}, or -1 when the job has a {@code teacher:} section */
    private static void validate(JobConfig c, String source, int listedTeachers, ConfigProblems problems) {
        Checks checks = new Checks(source, problems);
        checks.require(isPathSegment(c.name()), "name", c.name(), SEGMENT_EXPECTED);
        checks.require(c.task() != null || problems.has("task"), "task", null,
                "classification, nli, conversation, qa, math or summarisation");
        checks.require(c.data() != null, "data", null, "a data section with train and test paths");
        if (c.data() != null) {
            checks.require(notBlank(c.data().train()), "data.train", c.data().train(), "a path to the training split");
            checks.require(notBlank(c.data().test()), "data.test", c.data().test(), "a path to the test split");
            double share = c.data().maxBadRowShare();
            checks.require(share >= 0 && share <= 1, "data.max_bad_row_share", share, "a share between 0 and 1");
            double labelled = c.data().labelledFraction();
            checks.require(labelled > 0 && labelled <= 1, "data.labelled_fraction", labelled,
                    "a share of the training split in (0, 1] (1: every gold label is used)");
            checks.require(c.data().minLabelledPerClass() >= 0, "data.min_labelled_per_class",
                    c.data().minLabelledPerClass(), "zero (no per-class floor) or a positive number of examples");
        }
        if (listedTeachers == 0) {
            checks.require(false, "teachers", "[]", "at least one teacher entry, or a teacher section instead");
        }
        validateTeachers(c, checks, listedTeachers > 0);
        if (c.task() != null) {
            taskRules(c.task()).problems(c).forEach(p -> checks.require(false, p.key(), p.found(), p.expected()));
        }
        checks.require(c.student().buckets() >= 16, "student.buckets", c.student().buckets(), "at least 16");
        checks.require(c.student().dimension() > 0, "student.dimension", c.student().dimension(), "a positive number");
        checks.require(c.student().ngrams() >= 1 && c.student().ngrams() <= 4, "student.ngrams",
                c.student().ngrams(), "1 to 4");
        int chars = c.student().charNgrams();
        checks.require(chars == 0 || (chars >= 3 && chars <= 8), "student.char_ngrams", chars, "0 (off) or 3 to 8");
        GenerativeStudentConfig g = c.student().generative();
        checks.require(g.vocabSize() >= 32 && g.vocabSize() <= 50_000, "student.generative.vocab_size",
                g.vocabSize(), "32 to 50000");
        checks.require(g.embedding() > 0, "student.generative.embedding", g.embedding(), "a positive number");
        checks.require(g.hidden() > 0, "student.generative.hidden", g.hidden(), "a positive number");
        checks.require(g.layers() >= 1 && g.layers() <= 4, "student.generative.layers", g.layers(), "1 to 4");
        checks.require(g.maxPromptTokens() >= 8, "student.generative.max_prompt_tokens", g.maxPromptTokens(),
                "at least 8");
        checks.require(g.maxAnswerTokens() >= 1, "student.generative.max_answer_tokens", g.maxAnswerTokens(),
                "at least 1");
        checks.require(g.beamWidth() >= 1 && g.beamWidth() <= 16, "student.generative.beam_width", g.beamWidth(),
                "1 to 16");
        if (c.data() != null) {
            AugmentationConfig augmentation = c.data().augmentation();
            checks.require(augmentation.copies() >= 0, "data.augmentation.copies", augmentation.copies(),
                    "zero (off) or more copies per training example");
            checks.require(augmentation.maskProb() >= 0 && augmentation.maskProb() <= 1,
                    "data.augmentation.mask_prob", augmentation.maskProb(), "a probability in [0, 1]");
            checks.require(augmentation.swapProb() >= 0 && augmentation.swapProb() <= 1,
                    "data.augmentation.swap_prob", augmentation.swapProb(), "a probability in [0, 1]");
            checks.require(augmentation.ngramProb() >= 0 && augmentation.ngramProb() <= 1,
                    "data.augmentation.ngram_prob", augmentation.ngramProb(), "a probability in [0, 1]");
        }
        StudentConfig student = c.student();
        checks.require(student.filters() > 0, "student.filters", student.filters(), "a positive number");
        checks.require(student.kernel() >= 1 && student.kernel() % 2 == 1, "student.kernel", student.kernel(),
                "an odd number of words such as 3 (the window is centred on each word)");
        checks.require(student.maxTokens() >= student.kernel(), "student.max_tokens", student.maxTokens(),
                "at least student.kernel (" + student.kernel() + ")");
        checks.require(student.vocabulary() >= 1, "student.vocabulary", student.vocabulary(), "a positive number");
        checks.require(!student.initFromTeacher() || student.dimension() <= 384, "student.dimension",
                student.dimension(), "at most 384 with student.init_from_teacher (the teacher's vectors are 384 wide)");
        Hyperparameters h = c.hyperparameters();
        checks.require(h.learningRate() > 0 && h.learningRate() < 1, "hyperparameters.learning_rate",
                h.learningRate(), "a number in (0, 1)");
        checks.require(h.batchSize() > 0, "hyperparameters.batch_size", h.batchSize(), "a positive number");
        checks.require(h.numEpochs() > 0, "hyperparameters.num_epochs", h.numEpochs(), "a positive number");
        checks.require(h.temperature() > 0, "hyperparameters.temperature", h.temperature(), "a positive number");
        checks.require(h.alpha() >= 0 && h.alpha() <= 1, "hyperparameters.alpha", h.alpha(), "a number in [0, 1]");
        checks.require(h.averagingFrequency() > 0, "hyperparameters.averaging_frequency",
                h.averagingFrequency(), "a positive number");
        checks.require(h.earlyStoppingPatience() >= 0, "hyperparameters.early_stopping_patience",
                h.earlyStoppingPatience(), "zero (off) or a positive number of epochs");
        checks.require(c.evaluation().latencyExamples() > 0, "evaluation.latency_examples",
                c.evaluation().latencyExamples(), "a positive number");
        checks.require(c.evaluation().warmupExamples() >= 0, "evaluation.warmup_examples",
                c.evaluation().warmupExamples(), "zero or more");
        checks.require(c.evaluation().regressionTolerance() >= 0 && c.evaluation().regressionTolerance() < 1,
                "evaluation.regression_tolerance", c.evaluation().regressionTolerance(),
                "a share of the metric's scale in [0, 1), such as 0.01");
        TrainingConfig training = c.training();
        checks.require(training.port() > 0 && training.port() < 65536, "training.port", training.port(),
                "a port number");
        checks.require(training.updateThreshold() == null || training.updateThreshold() > 0,
                "training.update_threshold", training.updateThreshold(), "a positive number");
        checks.require(training.gpusPerTask() >= 0, "training.gpus_per_task", training.gpusPerTask(), "zero or more");
        checks.require(notBlank(c.output().dir()), "output.dir", c.output().dir(),
                "a folder for the runs, such as runs or hdfs:///distill/runs (empty would write at the root)");
        checks.require(c.output().runName() == null || isPathSegment(c.output().runName()), "output.run_name",
                c.output().runName(), SEGMENT_EXPECTED + " inside output.dir");
        checks.require(c.spark().partitions() > 0, "spark.partitions", c.spark().partitions(), "a positive number");
        checks.throwIfAny();
    }

    /**
     * The teacher section, or each entry of a {@code teachers:} list with its index in the key
     * ({@code teachers[1].endpoint}), plus the names and weights an ensemble needs.
     */
    private static void validateTeachers(JobConfig c, Checks checks, boolean listed) {
        List<TeacherEntry> entries = c.teachers();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            TeacherEntry entry = entries.get(i);
            String key = listed ? "teachers[" + i + "]" : "teacher";
            if (listed) {
                checks.require(entries.size() == 1 || entry.name() != null, key + ".name", null,
                        "a name for each teacher of an ensemble (its folder under teachers/)");
                checks.require(entry.name() == null || isPathSegment(entry.name()), key + ".name",
                        entry.name(), SEGMENT_EXPECTED);
                checks.require(entry.name() == null || names.add(entry.name()), key + ".name", entry.name(),
                        "a name no other teacher of the job has");
                checks.require(entry.weight() > 0 && Double.isFinite(entry.weight()), key + ".weight",
                        entry.weight(), "a positive number");
            }
            validateTeacher(entry.teacher(), key, checks);
        }
    }

    private static void validateTeacher(TeacherConfig t, String key, Checks checks) {
        t.validate(checks.problems.at(key));
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

    private static boolean isPathSegment(String s) {
        return s != null && PATH_SEGMENT.matcher(s).matches();
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    /** Collects every problem so that one run of the loader reports them all. */
    private static final class Checks {
        private final String source;
        private final ConfigProblems problems;

        Checks(String source, ConfigProblems problems) {
            this.source = source;
            this.problems = problems;
        }

        void require(boolean ok, String key, Object found, String expected) {
            problems.require(ok, key, found, expected);
        }

        void throwIfAny() {
            problems.throwIfAny(source);
        }
    }
}
