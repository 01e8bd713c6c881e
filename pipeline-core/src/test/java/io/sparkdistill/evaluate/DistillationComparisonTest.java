package io.sparkdistill.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DistillationComparisonTest {
    private static final double EPS = 1e-9;

    static ModelEvaluation model(String role, double accuracy, double macroF1, double p50, double mean,
                                 double throughput, long params, long size, long memory) {
        ClassificationScores scores = new ClassificationScores(List.of("a", "b"), 1000, accuracy, macroF1,
                Map.of("a", macroF1, "b", macroF1), Map.of("a", 500L, "b", 500L), new int[][] {{1, 0}, {0, 1}},
                0.05, 0.9);
        LatencyStats latency = new LatencyStats(300, mean, p50, p50 * 2, p50 * 3, 1000 / mean);
        return new ModelEvaluation(role, role + " model", scores, latency, throughput, params, size, memory);
    }

    @Test
    void computesRetentionSpeedUpRatiosAndGainOverTheBaseline() {
        // the source document's case study in spirit: accuracy 94.5% -> 87.0% keeps 92.06% of it
        ModelEvaluation teacher = model("teacher", 0.945, 0.90, 12.8, 16.0, 400, 22_700_000, 90_000_000,
                180_000_000);
        ModelEvaluation baseline = model("baseline", 0.80, 0.75, 0.03, 0.04, 90_000, 1_000_000, 4_000_000, 6_000_000);
        ModelEvaluation distilled = model("distilled", 0.87, 0.855, 0.025, 0.032, 100_000, 1_135_000, 4_500_000,
                6_000_000);

        DistillationComparison c = DistillationComparison.of(teacher, baseline, distilled);

        assertEquals(0.87 / 0.945 * 100, c.accuracyRetainedPercent(), EPS); // 92.063...
        assertEquals(95.0, c.macroF1RetainedPercent(), EPS);                // 0.855 / 0.90
        assertEquals(512.0, c.speedupP50(), EPS);                           // 12.8 / 0.025
        assertEquals(500.0, c.speedupMean(), EPS);                          // 16 / 0.032
        assertEquals(250.0, c.throughputRatio(), EPS);                      // 100000 / 400
        assertEquals(20.0, c.sizeRatio(), EPS);                             // 90 MB / 4.5 MB
        assertEquals(20.0, c.parameterRatio(), EPS);                        // 22.7M / 1.135M
        assertEquals(30.0, c.memoryRatio(), EPS);                           // 180 MB / 6 MB
        assertEquals(7.0, c.accuracyGainPoints(), EPS);                     // 87.0% - 80.0%
        assertEquals(10.5, c.macroF1GainPoints(), EPS);                     // 85.5% - 75.0%
    }

    @Test
    void givesNaNForARatioOverNothingMeasured() {
        ModelEvaluation teacher = model("teacher", 0.9, 0.9, 10, 10, 100, 0, 0, 0);
        ModelEvaluation student = model("distilled", 0.9, 0.9, 1, 1, 100, 0, 0, 0);
        DistillationComparison c = DistillationComparison.of(teacher, model("baseline", 0.8, 0.8, 1, 1, 1, 0, 0, 0),
                student);
        assertTrue(Double.isNaN(c.sizeRatio()));
        assertEquals(10.0, c.speedupP50(), EPS);
    }

    @Test
    void refusesModelsPassedInTheWrongOrder() {
        ModelEvaluation teacher = model("teacher", 0.9, 0.9, 10, 10, 100, 1, 1, 1);
        ModelEvaluation baseline = model("baseline", 0.8, 0.8, 1, 1, 100, 1, 1, 1);
        ModelEvaluation distilled = model("distilled", 0.85, 0.85, 1, 1, 100, 1, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> DistillationComparison.of(teacher, distilled, baseline));
    }

    @Test
    void findsAModelByRoleAndNamesTheRolesItHasWhenOneIsMissing() {
        ModelEvaluation teacher = model("teacher", 0.9, 0.9, 10, 10, 100, 1, 1, 1);
        assertEquals(teacher, ModelEvaluation.withRole(List.of(teacher), "teacher"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelEvaluation.withRole(List.of(teacher), "distilled"));
        assertTrue(e.getMessage().contains("[teacher]"), e.getMessage());
    }
}
