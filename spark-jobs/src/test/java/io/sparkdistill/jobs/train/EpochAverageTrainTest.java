package io.sparkdistill.jobs.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.RunLayout;
import io.sparkdistill.jobs.SharedSpark;
import io.sparkdistill.jobs.TestJobs;
import io.sparkdistill.jobs.generate.GenerateJob;
import io.sparkdistill.jobs.store.TrainSummary;
import io.sparkdistill.student.StudentModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code hyperparameters.average_last_epochs} on the customer-support sample, three epochs each, the last kept: the
 * same seed trained with and without averaging fits the same epochs (the same training loss, epoch by epoch, since
 * training goes on from each epoch's own parameters) and scores the same after epoch 1 (the mean of one epoch is
 * that epoch), while the averaged run's saved student is another one, and it predicts as recorded: scored again from
 * its folder, its validation accuracy is the kept epoch's.
 */
@Tag("slow")
class EpochAverageTrainTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSavedStudentIsTheMeanOfTheLastEpochsWhileTrainingFollowsTheEpochsOwn() throws Exception {
        Path data = TestJobs.copySamples("customer-support");
        TrainSummary own = train(data, "support-own", 1);
        TrainSummary averaged = train(data, "support-averaged", 3);

        for (String kind : List.of(RunLayout.BASELINE, RunLayout.DISTILLED)) {
            List<TrainSummary.Epoch> ownEpochs = own.students().get(kind).epochs();
            List<TrainSummary.Epoch> averagedEpochs = averaged.students().get(kind).epochs();
            assertEquals(3, averagedEpochs.size(), kind);
            for (int e = 0; e < 3; e++) {
                assertEquals(ownEpochs.get(e).trainingLoss(), averagedEpochs.get(e).trainingLoss(), 1e-9,
                        kind + " epoch " + (e + 1) + " trains the same");
            }
            assertEquals(ownEpochs.get(0).validationAccuracy(), averagedEpochs.get(0).validationAccuracy(), 1e-9,
                    kind + ": the mean of one epoch is that epoch");
        }

        JobConfig ownConfig = config(data, "support-own", 1);
        JobConfig averagedConfig = config(data, "support-averaged", 3);
        List<JsonNode> validation = Files.readAllLines(data.resolve("validation.jsonl"), StandardCharsets.UTF_8)
                .stream().filter(l -> !l.isBlank()).map(EpochAverageTrainTest::json).toList();
        for (String kind : List.of(RunLayout.BASELINE, RunLayout.DISTILLED)) {
            StudentModel ownStudent = StudentModel.load(Path.of(RunLayout.of(ownConfig).model(kind)));
            StudentModel averagedStudent = StudentModel.load(Path.of(RunLayout.of(averagedConfig).model(kind)));
            int right = 0;
            boolean differ = false;
            for (JsonNode row : validation) {
                String text = row.get("text").asText();
                StudentModel.Prediction p = averagedStudent.predict(text);
                right += p.label().equals(row.get("label").asText()) ? 1 : 0;
                differ |= !Arrays.equals(p.probabilities(), ownStudent.predict(text).probabilities());
            }
            assertTrue(differ, kind + ": the mean of epochs 1-3 is not epoch 3's own student");
            List<TrainSummary.Epoch> epochs = averaged.students().get(kind).epochs();
            assertEquals(epochs.get(2).validationAccuracy(), (double) right / validation.size(), 1e-9,
                    kind + " predicts as the kept epoch was judged");
        }
    }

    private static TrainSummary train(Path data, String name, int averageLastEpochs) throws Exception {
        RunContext run = RunContext.create(config(data, name, averageLastEpochs), SharedSpark.session());
        new GenerateJob(run).run();
        return new TrainJob(run).run();
    }

    private static JobConfig config(Path data, String name, int averageLastEpochs) throws Exception {
        return ConfigLoader.parse(TestJobs.yaml("customer-support", data)
                .replace("name: customer-support", "name: " + name)
                .replace("num_epochs: 10", "num_epochs: 3")
                .replace("early_stopping_patience: 3", "early_stopping_patience: 0")
                .replace("  seed: 42", "  seed: 42\n  average_last_epochs: " + averageLastEpochs), name);
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new IllegalArgumentException(line, e);
        }
    }
}
