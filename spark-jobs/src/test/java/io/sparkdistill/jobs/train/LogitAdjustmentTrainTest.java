package io.sparkdistill.jobs.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.evaluate.ClassificationMetrics;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.RunLayout;
import io.sparkdistill.jobs.SharedSpark;
import io.sparkdistill.jobs.TestJobs;
import io.sparkdistill.jobs.generate.GenerateJob;
import io.sparkdistill.student.LogitAdjustment;
import io.sparkdistill.student.StudentModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code hyperparameters.logit_adjustment} on the customer-support sample, the gold labels of a seeded 30% of it in
 * the labelled share (the prior): both saved students record the strength chosen by validation macro-F1, and predict
 * with it: scored again from their folders, their validation macro-F1 is the one recorded for that strength.
 */
@Tag("slow")
class LogitAdjustmentTrainTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void bothStudentsAreSavedWithTheStrengthThatScoredBestOnValidation() throws Exception {
        Path data = TestJobs.copySamples("customer-support");
        JobConfig config = ConfigLoader.parse(TestJobs.yaml("customer-support", data)
                .replace("num_epochs: 10", "num_epochs: 2")
                .replace("  seed: 42", "  seed: 42\n  logit_adjustment: true")
                .replace("  max_bad_row_share: 0.05", "  max_bad_row_share: 0.05\n  labelled_fraction: 0.3"),
                "logit adjustment test");
        assertTrue(config.hyperparameters().logitAdjustment(), "the test config switches it on");
        RunContext run = RunContext.create(config, SharedSpark.session());
        new GenerateJob(run).run();
        new TrainJob(run).run();

        List<String> labels = config.labels();
        List<JsonNode> validation = Files.readAllLines(data.resolve("validation.jsonl"), StandardCharsets.UTF_8)
                .stream().filter(l -> !l.isBlank()).map(LogitAdjustmentTrainTest::json).toList();
        for (String kind : List.of(RunLayout.BASELINE, RunLayout.DISTILLED)) {
            StudentModel saved = StudentModel.load(Path.of(RunLayout.of(config).model(kind)));
            Map<?, ?> recorded = (Map<?, ?>) saved.metadata().training().get("logit_adjustment");
            double tau = ((Number) recorded.get("tau")).doubleValue();
            assertTrue(Arrays.stream(LogitAdjustment.TAUS).anyMatch(t -> t == tau), kind + " tau " + tau);
            Map<?, ?> byTau = (Map<?, ?>) recorded.get("validation_macro_f1_by_tau");
            assertEquals(LogitAdjustment.TAUS.length, byTau.size(), kind);
            double chosen = ((Number) byTau.get(String.valueOf(tau))).doubleValue();
            for (Object score : byTau.values()) {
                assertTrue(chosen >= ((Number) score).doubleValue(), kind + ": " + byTau);
            }
            Map<?, ?> prior = (Map<?, ?>) recorded.get("prior");
            assertEquals(labels, prior.keySet().stream().map(String::valueOf).toList(), kind);
            assertEquals(1.0, prior.values().stream().mapToDouble(p -> ((Number) p).doubleValue()).sum(), 1e-9);

            ClassificationMetrics metrics = new ClassificationMetrics(labels);
            for (JsonNode row : validation) {
                StudentModel.Prediction p = saved.predict(row.get("text").asText());
                metrics.add(labels.indexOf(row.get("label").asText()), labels.indexOf(p.label()), p.probabilities());
            }
            assertEquals(chosen, metrics.result().macroF1(), 1e-6, kind + " predicts with the adjustment it records");
        }
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new IllegalArgumentException(line, e);
        }
    }
}
