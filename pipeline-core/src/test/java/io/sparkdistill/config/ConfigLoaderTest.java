package io.sparkdistill.config;

import io.sparkdistill.ingest.TaskType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        assertEquals("embedded", config.teacher().kind());
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
        assertTrue(e.getMessage().contains("'task' has value 'translation'"), e.getMessage());
        assertTrue(e.getMessage().contains("classification, nli"), e.getMessage());
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
}
