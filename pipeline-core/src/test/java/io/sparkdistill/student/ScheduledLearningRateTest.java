package io.sparkdistill.student;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdistill.config.ConfigException;
import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.config.LearningRateDecay;
import io.sparkdistill.config.LearningRateSchedule;
import io.sparkdistill.config.StudentConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ISchedule;

class ScheduledLearningRateTest {

    private static final String JOB = """
            name: support
            task: classification
            labels: [billing, refund]
            data:
              train: data/train.jsonl
              test: data/test.jsonl
            """;

    @Test
    void cosineAndLinearDecayGoFromTheRateInTheFirstEpochToTheFloorInTheLast() {
        LearningRateSchedule cosine = new LearningRateSchedule(LearningRateDecay.COSINE, 0.2);
        LearningRateSchedule linear = new LearningRateSchedule(LearningRateDecay.LINEAR, 0.2);
        assertEquals(1.0, cosine.epochShare(0, 5), 1e-12);
        assertEquals(0.6, cosine.epochShare(2, 5), 1e-12, "half way: half way between 1 and the floor");
        assertEquals(0.2, cosine.epochShare(4, 5), 1e-12);
        assertEquals(0.8, linear.epochShare(1, 5), 1e-12);
        assertEquals(0.2, linear.epochShare(4, 5), 1e-12);
        assertEquals(0.2, linear.epochShare(9, 5), 1e-12, "past the last epoch: the floor");
        assertEquals(1.0, cosine.epochShare(0, 1), 1e-12, "one epoch: the rate itself");
        assertEquals(1.0, LearningRateSchedule.constant().epochShare(3, 5), 1e-12);
    }

    @Test
    void aConstantScheduleKeepsAdamAtTheLearningRateAndAScheduledOneFollowsTheEpoch() {
        assertEquals(new Adam(0.01), ScheduledLearningRate.adam(Hyperparameters.defaults()));
        Hyperparameters h = new Hyperparameters(0.01, null, 3, null, null, null, null, null, null,
                new LearningRateSchedule(LearningRateDecay.LINEAR, 0.5));
        ISchedule schedule = ((Adam) ScheduledLearningRate.adam(h)).getLearningRateSchedule();
        assertEquals(0.01, schedule.valueAt(0, 0), 1e-12, "first epoch");
        assertEquals(0.01, schedule.valueAt(10, 0), 1e-12, "whatever the iteration");
        assertEquals(0.0075, schedule.valueAt(100, 1), 1e-12);
        assertEquals(0.005, schedule.valueAt(200, 2), 1e-12, "last epoch: the floor");
    }

    @Test
    void aNetworkFittedEpochByEpochStepsAtEachEpochsRateAndKeepsItsScheduleWhenSavedAndLoaded() throws Exception {
        Hyperparameters h = new Hyperparameters(0.02, null, 4, 2.0, 0.5, 1L, null, null, null,
                new LearningRateSchedule(LearningRateDecay.COSINE, 0.1));
        List<TrainingExample> examples = List.of(
                new TrainingExample(List.of("love is a game"), 0, new float[] {0.9f, 0.1f}),
                new TrainingExample(List.of("they won the game"), 1, new float[] {0.2f, 0.8f}));
        StudentConfig config = StudentConfig.fastText(64, 4, 1, 0);
        MultiLayerNetwork network = StudentNetwork.create(config, h, 2);
        var batches = new org.nd4j.linalg.dataset.adapter.SingletonDataSetIterator(
                TrainingBatches.toDataSet(examples, new StudentBlueprint(config, null).input(), 2));
        for (int epoch = 0; epoch < 4; epoch++) {
            assertEquals(0.02 * h.learningRateSchedule().epochShare(epoch, 4),
                    network.getLearningRate(StudentNetwork.OUTPUT_LAYER), 1e-9, "epoch " + epoch);
            network.fit(batches);
        }
        assertEquals(0.002, network.getLearningRate(StudentNetwork.OUTPUT_LAYER), 1e-9, "the floor, after the last");

        Path root = Path.of("target", "student-tests");
        Files.createDirectories(root);
        Path file = Files.createTempFile(root, "scheduled", ".zip");
        ModelSerializer.writeModel(network, file.toFile(), true);
        MultiLayerNetwork loaded = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
        // a float16 copy goes through the configuration's JSON, as saving a float16 student does
        assertEquals(0.002, network.convertDataType(org.nd4j.linalg.api.buffer.DataType.HALF)
                .getLearningRate(StudentNetwork.OUTPUT_LAYER), 1e-9);
        assertEquals(network.getLayerWiseConfigurations(), loaded.getLayerWiseConfigurations());
        assertEquals(0.002, loaded.getLearningRate(StudentNetwork.OUTPUT_LAYER), 1e-9);
    }

    @Test
    void theScheduleIsReadFromYamlRecordedWithTheHyperparametersAndRefusedForTextTasks() {
        JobConfig config = ConfigLoader.parse(JOB + """
                hyperparameters:
                  learning_rate_schedule: {decay: cosine, floor: 0.05}
                """, "job.yaml");
        LearningRateSchedule schedule = config.hyperparameters().learningRateSchedule();
        assertEquals(new LearningRateSchedule(LearningRateDecay.COSINE, 0.05), schedule);
        assertEquals(Map.of("decay", "cosine", "floor", 0.05),
                config.hyperparameters().asMap().get("learning_rate_schedule"));
        assertEquals(Map.of("decay", "cosine", "floor", 0.05),
                config.hyperparameters().withAlpha(1.0).asMap().get("learning_rate_schedule"),
                "the baseline trains on the same schedule");
        assertTrue(ConfigLoader.parse(JOB, "job.yaml").hyperparameters().learningRateSchedule().isConstant());

        ConfigException floor = assertThrows(ConfigException.class, () -> ConfigLoader.parse(JOB + """
                hyperparameters:
                  learning_rate_schedule: {decay: linear, floor: 0}
                """, "job.yaml"));
        assertTrue(floor.getMessage().contains("hyperparameters.learning_rate_schedule.floor"), floor.getMessage());

        String qa = JOB.replace("task: classification", "task: qa").replace("labels: [billing, refund]\n", "") + """
                teacher:
                  kind: api
                  endpoint: {provider: generic, base_url: "http://localhost:8000/v1", model: m}
                hyperparameters:
                  learning_rate_schedule: {decay: cosine}
                """;
        ConfigException text = assertThrows(ConfigException.class, () -> ConfigLoader.parse(qa, "qa.yaml"));
        assertTrue(text.getMessage().contains("hyperparameters.learning_rate_schedule: expected no "
                + "learning_rate_schedule for a qa task: it shapes the training of the label students"),
                text.getMessage());
        assertInstanceOf(LearningRateSchedule.class, config.hyperparameters().learningRateSchedule());
    }
}
