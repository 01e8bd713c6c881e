package io.sparkdistill.report;

import io.sparkdistill.evaluate.ClassificationScores;
import io.sparkdistill.evaluate.DistillationComparison;
import io.sparkdistill.evaluate.LatencyStats;
import io.sparkdistill.evaluate.ModelEvaluation;
import io.sparkdistill.provenance.InputFile;
import io.sparkdistill.provenance.ProjectBuild;
import io.sparkdistill.provenance.Provenance;
import io.sparkdistill.provenance.RuntimeVersions;
import io.sparkdistill.provenance.TeacherIdentity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One run's worth of figures, chosen so that every formatted number in the reports can be worked out by hand. */
final class ReportFixture {
    static final List<String> LABELS = List.of("positive", "negative", "neutral");

    private ReportFixture() {
    }

    static RunSummary summary() {
        Map<String, Object> hyperparameters = new LinkedHashMap<>();
        hyperparameters.put("learning_rate", 0.01);
        hyperparameters.put("temperature", 2.0);
        Map<String, Long> inputs = new LinkedHashMap<>();
        inputs.put("train", 5000L);
        inputs.put("validation", 500L);
        inputs.put("test", 1000L);
        Map<String, Double> stages = new LinkedHashMap<>();
        stages.put("generate", 312.4);
        stages.put("train", 45.5);
        Provenance provenance = new Provenance("2026-11-27T19-00-00", "2026-11-27T19:05:00Z",
                new ProjectBuild("0.1.0-SNAPSHOT", "0df58a3"), new RuntimeVersions("17.0.9", "3.5.9", "1.0.0-M2"),
                null, List.of(new InputFile("data/train.jsonl", 1234, "9f86d081")),
                new TeacherIdentity("minilm-head", "bundled", "abc123", null, "gen-run"), hyperparameters, 42L);
        return new RunSummary("support-sentiment", "classification", "2026-11-27T19-00-00", LABELS, hyperparameters,
                inputs, Map.of("missing field 'text'", 3L), 4990, 4987,
                Map.of("rejected truncated", 2L, "prompt tokens", 120_000L, "estimated cost", 0.42), stages,
                Map.of("run_dir", "runs/support-sentiment"), provenance, training());
    }

    /** The baseline ran every planned epoch; the distilled student stopped after three epochs without progress. */
    static List<TrainingCurve> training() {
        return List.of(
                curve("baseline", 10, 9, false, 0.52, 0.64, 0.70, 0.74, 0.76, 0.78, 0.79, 0.795, 0.80, 0.80),
                curve("distilled", 10, 4, true, 0.60, 0.75, 0.82, 0.87, 0.86, 0.865, 0.85));
    }

    private static TrainingCurve curve(String student, int planned, int best, boolean stoppedEarly,
                                       double... accuracy) {
        List<TrainingCurve.Epoch> epochs = new java.util.ArrayList<>();
        for (int i = 0; i < accuracy.length; i++) {
            epochs.add(new TrainingCurve.Epoch(i + 1, 1.5 / (i + 1), accuracy[i]));
        }
        return new TrainingCurve(student, planned, best, stoppedEarly, epochs);
    }

    static ChangesSincePreviousRun firstRun() {
        return ChangesSincePreviousRun.none(0.01);
    }

    static ModelEvaluation teacher() {
        return model(ModelEvaluation.TEACHER, "all-MiniLM-L6-v2 + logistic head", 0.945, 0.90,
                new LatencyStats(300, 16.0, 12.8, 19.2, 25.0, 62.5), 400, 22_700_000, 90_000_000, 180_000_000);
    }

    static ModelEvaluation baseline() {
        return model(ModelEvaluation.BASELINE, "hashed bigram MLP, gold labels", 0.80, 0.75,
                new LatencyStats(300, 0.04, 0.03, 0.05, 0.06, 25_000), 90_000, 1_135_000, 4_500_000, 6_000_000);
    }

    static ModelEvaluation distilled() {
        return model(ModelEvaluation.DISTILLED, "hashed bigram MLP, distilled", 0.87, 0.855,
                new LatencyStats(300, 0.032, 0.025, 0.04, 0.05, 31_250), 100_000, 1_135_000, 4_500_000, 6_000_000);
    }

    static List<ModelEvaluation> models() {
        return List.of(teacher(), baseline(), distilled());
    }

    static DistillationComparison comparison() {
        return DistillationComparison.of(teacher(), baseline(), distilled());
    }

    private static ModelEvaluation model(String role, String description, double accuracy, double macroF1,
                                         LatencyStats latency, double throughput, long params, long size,
                                         long memory) {
        Map<String, Double> f1 = new LinkedHashMap<>();
        f1.put("positive", macroF1 + 0.05);
        f1.put("negative", macroF1);
        f1.put("neutral", macroF1 - 0.05);
        Map<String, Long> support = new LinkedHashMap<>();
        support.put("positive", 400L);
        support.put("negative", 350L);
        support.put("neutral", 250L);
        int[][] confusion = {{380, 10, 10}, {20, 300, 30}, {15, 25, 210}};
        ClassificationScores scores = new ClassificationScores(LABELS, 1000, accuracy, macroF1, f1, support,
                confusion, 0.042, 0.91);
        return new ModelEvaluation(role, description, scores, latency, throughput, params, size, memory);
    }
}
