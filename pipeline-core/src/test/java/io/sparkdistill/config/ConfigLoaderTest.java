package io.sparkdistill.config;

import io.sparkdistill.ingest.TaskType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {
    private static final String MINIMAL = """
            name: support
            task: classification
            labels: [billing, refund]
            data:
              train: data/train.jsonl
              test: data/test.jsonl
            """;

    @Test
    void aMinimalJobGetsTheDocumentedDefaults() {
        JobConfig config = ConfigLoader.parse(MINIMAL, "minimal.yaml");
        assertEquals(TaskType.CLASSIFICATION, config.task());
        assertEquals(0.05, config.data().maxBadRowShare());
        assertEquals(TeacherKind.EMBEDDED, config.teacher().kind());
        assertEquals(0.01, config.hyperparameters().learningRate());
        assertEquals(2.0, config.hyperparameters().temperature());
        assertEquals("runs/support", config.runDir());
        assertEquals("local[*]", config.spark().master());
    }

    @Test
    void snakeCaseKeysFillTheRecords() {
        JobConfig config = ConfigLoader.parse(MINIMAL + """
                hyperparameters:
                  learning_rate: 0.05
                  num_epochs: 3
                output:
                  dir: /tmp/out/
                  run_name: nightly
                """, "job.yaml");
        assertEquals(0.05, config.hyperparameters().learningRate());
        assertEquals(3, config.hyperparameters().numEpochs());
        assertEquals("/tmp/out/nightly", config.runDir());
    }

    @Test
    void anUnquotedOffTurnsTheAnswerCacheOffRatherThanNamingAFolderCalledFalse() {
        for (String off : new String[] {"off", "\"off\"", "no"}) {
            JobConfig config = ConfigLoader.parse(MINIMAL + "output: {teacher_cache: " + off + "}\n", "job.yaml");
            assertFalse(config.output().cachesAnswers(), "teacher_cache: " + off);
        }
        assertTrue(ConfigLoader.parse(MINIMAL + "output: {teacher_cache: /data/cache}\n", "job.yaml").output()
                .cachesAnswers());
    }

    @Test
    void earlyStoppingAndTheNightlyRegressionCheckHaveDefaultsAndReadTheirKeys() {
        JobConfig defaults = ConfigLoader.parse(MINIMAL, "minimal.yaml");
        assertEquals(3, defaults.hyperparameters().earlyStoppingPatience());
        assertEquals(0.01, defaults.evaluation().regressionTolerance());
        assertEquals(false, defaults.evaluation().failOnRegression());
        assertEquals(3, defaults.hyperparameters().asMap().get("early_stopping_patience"));

        JobConfig set = ConfigLoader.parse(MINIMAL + """
                hyperparameters:
                  early_stopping_patience: 0
                evaluation:
                  regression_tolerance: 0.02
                  fail_on_regression: true
                """, "job.yaml");
        assertEquals(0, set.hyperparameters().earlyStoppingPatience());
        assertEquals(0.02, set.evaluation().regressionTolerance());
        assertEquals(true, set.evaluation().failOnRegression());
    }

    @Test
    void aNegativePatienceOrToleranceIsRejectedNamingTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(MINIMAL + """
                hyperparameters:
                  early_stopping_patience: -1
                evaluation:
                  regression_tolerance: -0.5
                """, "job.yaml"));
        assertTrue(e.getMessage().contains("hyperparameters.early_stopping_patience: expected zero (off)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("evaluation.regression_tolerance"), e.getMessage());
    }

    @Test
    void anUnknownKeyIsNamedWithItsPath() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(MINIMAL + """
                hyperparameters:
                  learning_rat: 0.05
                """, "job.yaml"));
        assertTrue(e.getMessage().contains("unknown key 'hyperparameters.learning_rat'"), e.getMessage());
    }

    @Test
    void everyBadValueIsReportedAtOnceWithTheKeyAndTheValueFound() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(MINIMAL + """
                hyperparameters:
                  learning_rate: -1
                  alpha: 1.5
                """, "job.yaml"));
        assertTrue(e.getMessage().contains("hyperparameters.learning_rate: expected a number in (0, 1), found '-1.0'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("hyperparameters.alpha"), e.getMessage());
    }

    @Test
    void anUnknownTaskListsTheTasksThatExist() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(MINIMAL.replace("task: classification", "task: translation"), "job.yaml"));
        assertTrue(e.getMessage().contains("task: expected one of classification, nli"), e.getMessage());
        assertTrue(e.getMessage().contains("found 'translation'"), e.getMessage());
        assertFalse(e.getMessage().contains("found nothing"), "a task written wrong is not also a task missing: "
                + e.getMessage());
    }

    @Test
    void aMissingTestSplitIsRejected() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(MINIMAL.replace("  test: data/test.jsonl\n", ""), "job.yaml"));
        assertTrue(e.getMessage().contains("data.test: expected a path to the test split, found nothing"),
                e.getMessage());
    }

    @Test
    void generativeTasksNeedNoLabelsButAnApiTeacher() {
        String qa = MINIMAL.replace("task: classification", "task: qa").replace("labels: [billing, refund]\n", "");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(qa, "qa.yaml"));
        assertTrue(e.getMessage().contains("teacher.kind: expected api for task qa"), e.getMessage());
        JobConfig config = ConfigLoader.parse(qa + """
                teacher:
                  kind: api
                  endpoint: {provider: generic, base_url: "http://localhost:8000/v1", model: m}
                """, "qa.yaml");
        assertEquals(TaskType.QA, config.task());
        assertTrue(config.labels().isEmpty());
    }

    @Test
    void aFractionOfAnEpochIsRefusedRatherThanRoundedDown() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(MINIMAL + """
                hyperparameters:
                  num_epochs: 2.7
                """, "job.yaml"));
        assertEquals("job.yaml: key 'hyperparameters.num_epochs' has value '2.7', which is not a valid integer",
                e.getMessage());
    }

    @Test
    void aSectionWrittenTwiceIsRefusedRatherThanTheFirstDroppedSilently() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(MINIMAL + """
                hyperparameters:
                  num_epochs: 3
                hyperparameters:
                  learning_rate: 0.05
                """, "job.yaml"));
        assertTrue(e.getMessage().startsWith("job.yaml: not valid YAML: Duplicate field 'hyperparameters'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("keep one, or merge the two"), e.getMessage());
    }

    @Test
    void aNameOrRunNameThatWouldLeaveTheOutputFolderIsRefused() {
        for (String yaml : List.of(MINIMAL.replace("name: support", "name: \"..\""),
                MINIMAL + "output: {run_name: ../x}\n", MINIMAL + "output: {run_name: a/b}\n")) {
            ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, "job.yaml"));
            assertTrue(e.getMessage().matches("(?s).*(name|output.run_name): expected a folder name made of letters, "
                    + "digits, '.', '_' or '-' \\(not '.' or '..'\\).*"), e.getMessage());
        }
        assertEquals("runs/v1.2", ConfigLoader.parse(MINIMAL + "output: {run_name: v1.2}\n", "job.yaml").runDir());
    }

    @Test
    void anEmptyOutputDirIsRefusedRatherThanWritingAtTheRoot() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(MINIMAL + "output: {dir: \"\"}\n", "job.yaml"));
        assertTrue(e.getMessage().contains("output.dir: expected a folder for the runs"), e.getMessage());
    }

    @Test
    void temperatureAndAlphaAreRefusedForATextTaskSayingNothingReadsThem() {
        String qa = MINIMAL.replace("task: classification", "task: qa").replace("labels: [billing, refund]\n", "")
                + """
                teacher:
                  kind: api
                  endpoint: {provider: generic, base_url: "http://localhost:8000/v1", model: m}
                """;
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(qa
                + "hyperparameters: {temperature: 4.0, alpha: 0.5}\n", "qa.yaml"));
        assertTrue(e.getMessage().contains("hyperparameters.temperature: expected no temperature for a qa task: it "
                + "shapes the soft-label loss of the label students"), e.getMessage());
        assertTrue(e.getMessage().contains("hyperparameters.alpha: expected no alpha for a qa task"), e.getMessage());
        assertTrue(e.getMessage().contains("nothing would read it, found '4.0'"), e.getMessage());
        assertEquals(2.0, ConfigLoader.parse(qa, "qa.yaml").hyperparameters().temperature(), "unset: the default");
        assertEquals(4.0, ConfigLoader.parse(MINIMAL + "hyperparameters: {temperature: 4.0}\n", "job.yaml")
                .hyperparameters().temperature(), "a label task reads it");
    }

    private static final String TWO_TEACHERS = MINIMAL + """
            teachers:
              - name: minilm
                weight: 2
                kind: embedded
                batch_size: 16
              - name: gpt
                kind: api
                endpoint: {provider: generic, base_url: "http://localhost:9/v1", model: gpt-4o}
            """;

    @Test
    void severalTeachersAreReadWithTheirNamesWeightsAndOwnKeys() {
        JobConfig config = ConfigLoader.parse(TWO_TEACHERS, "ensemble.yaml");

        assertTrue(config.isEnsemble());
        assertEquals(2, config.teachers().size());
        assertEquals("minilm", config.teachers().get(0).name());
        assertEquals(2.0, config.teachers().get(0).weight());
        assertEquals(16, config.teachers().get(0).teacher().batchSize());
        assertEquals(1.0, config.teachers().get(1).weight(), "weight defaults to 1");
        assertInstanceOf(ApiTeacherConfig.class, config.teachers().get(1).teacher());
        assertEquals(config.teachers().get(0).teacher(), config.teacher(), "teacher() is the first of them");
        assertEquals(config.teachers().get(1).teacher(), config.withTeacher(config.teachers().get(1).teacher())
                .teacher());
    }

    @Test
    void aJobWithOneTeacherListsItAsItsOnlyTeacher() {
        JobConfig config = ConfigLoader.parse(MINIMAL, "minimal.yaml");

        assertEquals(1, config.teachers().size());
        assertEquals(config.teacher(), config.teachers().get(0).teacher());
        assertTrue(!config.isEnsemble());
    }

    @Test
    void teacherAndTeachersTogetherAreRefusedNamingBothKeys() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(TWO_TEACHERS + """
                teacher:
                  kind: embedded
                """, "job.yaml"));
        assertTrue(e.getMessage().contains("both 'teacher' and 'teachers'"), e.getMessage());
    }

    @Test
    void aBadTeacherEntryIsNamedByItsIndex() {
        ConfigException bad = assertThrows(ConfigException.class, () -> ConfigLoader.parse(MINIMAL + """
                teachers:
                  - name: a
                    weight: 0
                  - name: a
                    kind: api
                  - kind: embedded
                    batch_size: 0
                """, "job.yaml"));
        String m = bad.getMessage();
        assertTrue(m.contains("teachers[0].weight: expected a positive number, found '0.0'"), m);
        assertTrue(m.contains("teachers[1].name: expected a name no other teacher of the job has, found 'a'"), m);
        assertTrue(m.contains("teachers[1].endpoint: expected an endpoint section"), m);
        assertTrue(m.contains("teachers[2].name: expected a name for each teacher"), m);
        assertTrue(m.contains("teachers[2].batch_size"), m);

        ConfigException unknown = assertThrows(ConfigException.class, () -> ConfigLoader.parse(MINIMAL + """
                teachers:
                  - name: a
                  - name: b
                    kindd: api
                """, "job.yaml"));
        assertTrue(unknown.getMessage().contains("unknown key 'teachers[1].kindd'"), unknown.getMessage());

        ConfigException mistyped = assertThrows(ConfigException.class, () -> ConfigLoader.parse(MINIMAL + """
                teachers:
                  - name: a
                    weight: heavy
                """, "job.yaml"));
        assertTrue(mistyped.getMessage().contains("key 'teachers[0].weight' has value 'heavy'"),
                mistyped.getMessage());

        ConfigException empty = assertThrows(ConfigException.class, () -> ConfigLoader.parse(MINIMAL + """
                teachers: []
                """, "job.yaml"));
        assertTrue(empty.getMessage().contains("teachers: expected at least one teacher entry"), empty.getMessage());
    }

    @Test
    void theStudentIsFastTextUnlessACnnIsAskedForWithItsSizesAndTeacherInitialisation() {
        StudentConfig defaults = ConfigLoader.parse(MINIMAL, "minimal.yaml").student();
        assertEquals(StudentArchitecture.FASTTEXT, defaults.architecture());
        assertEquals(false, defaults.initFromTeacher());
        assertEquals(Precision.FLOAT32, defaults.precision());

        StudentConfig cnn = ConfigLoader.parse(MINIMAL + """
                student:
                  architecture: cnn
                  dimension: 48
                  filters: 100
                  kernel: 5
                  max_tokens: 80
                  vocabulary: 12000
                  init_from_teacher: true
                  precision: float16
                """, "job.yaml").student();
        assertTrue(cnn.isCnn());
        assertEquals(List.of(48, 100, 5, 80, 12000), List.of(cnn.dimension(), cnn.filters(), cnn.kernel(),
                cnn.maxTokens(), cnn.vocabulary()));
        assertEquals(true, cnn.initFromTeacher());
        assertEquals(Precision.FLOAT16, cnn.precision());
    }

    @Test
    void anUnknownArchitectureOrPrecisionAnEvenKernelOrAStudentWiderThanTheTeachersVectorsIsRejectedNamingTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(MINIMAL + """
                student:
                  architecture: transformer
                  kernel: 4
                  dimension: 512
                  init_from_teacher: true
                  precision: int4
                """, "job.yaml"));
        assertTrue(e.getMessage().contains("student.architecture"), e.getMessage());
        assertTrue(e.getMessage().contains("student.precision"), e.getMessage());
        assertTrue(e.getMessage().contains("float32, float16"), e.getMessage());
        assertTrue(e.getMessage().contains("fasttext, cnn"), e.getMessage());
        assertTrue(e.getMessage().contains("student.kernel"), e.getMessage());
        assertTrue(e.getMessage().contains("student.dimension: expected at most 384"), e.getMessage());
    }

    @Test
    void float16StorageOnAGenerativeTaskIsRejectedSinceOnlyLabelStudentsStoreHalfPrecision() {
        String qa = MINIMAL.replace("task: classification", "task: qa").replace("labels: [billing, refund]\n", "")
                + """
                teacher:
                  kind: api
                  endpoint: {provider: generic, base_url: "http://localhost:8000/v1", model: m}
                student: {precision: float16}
                """;
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(qa, "qa.yaml"));
        assertTrue(e.getMessage().contains("student.precision"), e.getMessage());
        assertTrue(e.getMessage().contains("float32 for a qa job"), e.getMessage());
    }

    @Test
    void theRealDataRecipeIsAValidJobWithTheAutomaticRecipeAndTheHardCaseLeversSwitchedOn() throws Exception {
        java.nio.file.Path file = java.nio.file.Path.of("..", "conf", "real-data-recipe.yaml");
        JobConfig config = ConfigLoader.parse(java.nio.file.Files.readString(file), file.toString());
        assertTrue(config.search().enabled(), "the search picks the architecture, T, alpha and class weighting");
        assertTrue(config.student().initFromTeacher());
        assertTrue(config.data().augmentation().enabled());
        assertEquals(Precision.FLOAT16, config.student().precision());
        assertEquals(0.1, config.data().labelledFraction());
    }

    @Test
    void anOverlapBetweenSplitsIsReportedUnlessTheJobAsksToStopOnIt() {
        assertFalse(ConfigLoader.parse(MINIMAL, "minimal.yaml").data().failOnSplitOverlap());
        String strict = MINIMAL.replace("  test: data/test.jsonl\n", "  test: data/test.jsonl\n  fail_on_split_overlap: true\n");
        assertTrue(ConfigLoader.parse(strict, "strict.yaml").data().failOnSplitOverlap());
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                strict.replace("fail_on_split_overlap: true", "fail_on_split_overlap: sometimes"), "bad.yaml"));
        assertTrue(e.getMessage().contains("data.fail_on_split_overlap"), e.getMessage());
    }

    @Test
    void aKeyOfAnotherTeacherKindIsRefusedSayingWhoseKeyItIsWithTheOtherProblems() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(MINIMAL + """
                teacher:
                  kind: API
                  endpoint: {provider: generic, base_url: "http://localhost:8000/v1", model: m}
                  batch_size: 16
                  local: {path: /models/x, kind: encoder}
                  max_attempts: 0
                """, "job.yaml"));
        String m = e.getMessage();
        assertTrue(m.contains("teacher.batch_size: expected no batch_size for an api teacher: it is a key of the "
                + "embedded and local teachers, found '16'"), m);
        assertTrue(m.contains("teacher.local: expected no local for an api teacher: it is a key of the local "
                + "teacher"), m);
        assertTrue(m.contains("teacher.max_attempts: expected at least 1"), m);
    }

    @Test
    void theTeacherKindIsReadWhateverItsCaseAndAnUnknownKindListsTheKinds() {
        JobConfig config = ConfigLoader.parse(MINIMAL + "teacher: {kind: Local, local: {path: /m, kind: encoder}}\n",
                "job.yaml");
        assertEquals(TeacherKind.LOCAL, config.teacher().kind());
        assertEquals("/m", assertInstanceOf(LocalTeacherConfig.class, config.teacher()).local().path());
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(MINIMAL + "teacher: {kind: remote}\n", "job.yaml"));
        assertTrue(e.getMessage().contains("key 'teacher.kind' has value 'remote', which is not one of embedded, "
                + "api, local"), e.getMessage());
    }

    @Test
    void everyShippedConfigLoads() throws IOException {
        List<Path> shipped;
        try (Stream<Path> files = Files.list(Path.of("..", "conf"))) {
            shipped = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(shipped.size() >= 9, "the shipped configs: " + shipped);
        for (Path file : shipped) {
            assertNotNull(ConfigLoader.load(file).task(), file.toString());
        }
    }

    @Test
    void keysThatDoNotApplyToTheTaskOrTheTrainingMasterAreRefusedSayingWhy() {
        ConfigException label = assertThrows(ConfigException.class, () -> ConfigLoader.parse(MINIMAL + """
                student:
                  generative: {hidden: 64}
                training:
                  port: 40200
                  network_mask: 10.0.0.0/16
                """, "job.yaml"));
        String m = label.getMessage();
        assertTrue(m.contains("student.generative: expected no generative section for a classification task"), m);
        assertTrue(m.contains("training.port: expected no port under training.master parameter_averaging: only "
                + "gradient_sharing reads it, found '40200'"), m);
        assertTrue(m.contains("training.network_mask: expected no network_mask"), m);
        assertEquals(40200, ConfigLoader.parse(MINIMAL + "training: {master: GRADIENT_SHARING, port: 40200}\n",
                "job.yaml").training().port(), "the master's name is read whatever its case");

        ConfigException text = assertThrows(ConfigException.class, () -> ConfigLoader.parse("""
                name: qa
                task: qa
                data: {train: t.jsonl, test: t.jsonl}
                teacher:
                  kind: api
                  endpoint: {provider: generic, base_url: "http://localhost:8000/v1", model: m}
                hyperparameters: {class_weighting: balanced}
                """, "job.yaml"));
        assertTrue(text.getMessage().contains("hyperparameters.class_weighting: expected no class_weighting for a qa "
                + "task"), text.getMessage());
    }
}
