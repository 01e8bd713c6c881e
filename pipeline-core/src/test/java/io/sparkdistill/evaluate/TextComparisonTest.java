package io.sparkdistill.evaluate;

import static io.sparkdistill.evaluate.TextEvaluationBuilder.latency;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdistill.ingest.TaskType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextComparisonTest {
    private static final double EPS = 1e-9;

    private static TextModelEvaluation teacher() {
        return TextEvaluationBuilder.teacher().quality("exact_match", 60).quality("f1", 80)
                .latency(latency(400, 900, 1500)).latencyPerToken(latency(20, 40, 60)).throughput(2.5)
                .sizes(7_000_000_000L, 14_000_000_000L, 16_000_000_000L).build();
    }

    private static TextModelEvaluation baseline() {
        return TextEvaluationBuilder.baseline().quality("exact_match", 30).quality("f1", 48)
                .agreement("exact_match", 35).agreement("f1", 50).latency(latency(8, 12, 20))
                .latencyPerToken(latency(0.5, 0.8, 1)).throughput(120).sizes(5_000_000, 20_000_000, 40_000_000)
                .build();
    }

    private static TextModelEvaluation distilled() {
        return TextEvaluationBuilder.distilled().quality("exact_match", 45).quality("f1", 68)
                .agreement("exact_match", 55).agreement("f1", 74).latency(latency(10, 15, 25))
                .latencyPerToken(latency(0.4, 0.7, 0.9)).throughput(100).sizes(5_000_000, 20_000_000, 40_000_000)
                .build();
    }

    @Test
    void retentionAndImprovementAreMeasuredOnThePrimaryMetricAndOnEveryOther() {
        TextComparison c = TextComparison.of(TaskType.QA, "f1", teacher(), baseline(), distilled());
        assertEquals("f1", c.primaryMetric());
        assertEquals(85.0, c.retainedPercent(), EPS);           // 68 / 80
        assertEquals(60.0, c.baselineRetainedPercent(), EPS);   // 48 / 80
        assertEquals(20.0, c.improvementOverBaseline(), EPS);   // 68 - 48 points
        assertEquals(Map.of("exact_match", 75.0, "f1", 85.0), c.retainedPercentPerMetric());
        assertEquals(List.of("exact_match", "f1"), List.copyOf(c.improvementPerMetric().keySet()));
        assertEquals(15.0, c.improvementPerMetric().get("exact_match"), EPS);
    }

    @Test
    void speedUpsAndRatiosCompareTheTeacherWithTheDistilledStudent() {
        TextComparison c = TextComparison.of(TaskType.QA, "f1", teacher(), baseline(), distilled());
        assertEquals(40.0, c.speedupP50(), EPS);                // 400 / 10
        assertEquals(50.0, c.speedupPerTokenP50(), EPS);        // 20 / 0.4
        assertEquals(2800.0 / 50, c.speedupMean(), EPS);        // mean 933.3 / 16.67
        assertEquals(40.0, c.throughputRatio(), EPS);           // 100 / 2.5
        assertEquals(1400.0, c.parameterRatio(), EPS);
        assertEquals(700.0, c.sizeRatio(), EPS);
        assertEquals(400.0, c.memoryRatio(), EPS);
    }

    @Test
    void anApiTeachersUnknownFiguresGiveNaNNotNonsense() {
        TextModelEvaluation apiTeacher = TextEvaluationBuilder.teacher().quality("chrf", 52).quality("bleu", 18)
                .latency(latency(800, 1600, 2400)).build();
        TextModelEvaluation baseline = TextEvaluationBuilder.baseline().quality("bleu", 3).quality("chrf", 20).build();
        TextModelEvaluation distilled = TextEvaluationBuilder.distilled().quality("bleu", 6).quality("chrf", 39)
                .latency(latency(4, 6, 8)).latencyPerToken(latency(0.2, 0.3, 0.4)).build();

        TextComparison c = TextComparison.of(TaskType.CONVERSATION, "chrf", apiTeacher, baseline, distilled);

        assertEquals(75.0, c.retainedPercent(), EPS);           // chrF 39 / 52
        assertEquals(200.0, c.speedupP50(), EPS);
        assertTrue(Double.isNaN(c.speedupPerTokenP50()), "the teacher's tokens are unknown");
        assertTrue(Double.isNaN(c.parameterRatio()));
        assertTrue(Double.isNaN(c.sizeRatio()));
        assertTrue(Double.isNaN(c.throughputRatio()));
    }

    @Test
    void metricScalesFollowTheScorer() {
        assertEquals(100, TextComparison.fullScale("f1"));
        assertEquals(100, TextComparison.fullScale("chrf"));
        assertEquals(1, TextComparison.fullScale("rougeL"));
        assertThrows(IllegalArgumentException.class, () -> TextComparison.fullScale("accuracy"));
    }

    @Test
    void aModelWithoutThePrimaryMetricIsRefusedNamingWhatItHolds() {
        TextModelEvaluation noF1 = TextEvaluationBuilder.distilled().quality("exact_match", 45).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TextComparison.of(TaskType.QA, "f1", teacher(), baseline(), noF1));
        assertTrue(e.getMessage().contains("the distilled's quality has no 'f1', the primary metric of qa; it holds "
                + "[exact_match]"), e.getMessage());
    }

    @Test
    void modelsMustComeInTheirRoles() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TextComparison.of(TaskType.QA, "f1", teacher(), distilled(), distilled()));
        assertTrue(e.getMessage().contains("expected the baseline model"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TextModelEvaluation("student", "x", Map.of("f1", 1.0),
                Map.of(), latency(1, 1, 1), null, Double.NaN, Double.NaN, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new TextModelEvaluation("teacher", "x", Map.of(),
                Map.of(), latency(1, 1, 1), null, Double.NaN, Double.NaN, 1, 1, 1));
    }
}
