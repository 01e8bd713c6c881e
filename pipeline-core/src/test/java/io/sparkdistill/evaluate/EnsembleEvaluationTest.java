package io.sparkdistill.evaluate;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EnsembleEvaluationTest {

    @Test
    void membersAnsweringInTurnAddTheirTimesAndSizes() {
        ModelEvaluation encoder = DistillationComparisonTest.model("teacher", 0.9, 0.9, 2.0, 2.5, 800, 22_700_000,
                23_000_000, 90_000_000);
        ModelEvaluation other = DistillationComparisonTest.model("teacher", 0.8, 0.8, 6.0, 7.5, 200, 1_000_000,
                4_000_000, 10_000_000);
        ModelEvaluation both = ModelEvaluation.ensemble("ensemble of two", encoder.scores(), List.of(encoder, other));

        assertEquals(8.0, both.latency().p50Ms(), 1e-9);
        assertEquals(10.0, both.latency().meanMs(), 1e-9);
        assertEquals(24.0, both.latency().p99Ms(), 1e-9); // 6 + 18: an upper bound of the combined p99
        assertEquals(100.0, both.latency().throughputPerSecond(), 1e-9);
        assertEquals(160.0, both.batchThroughputPerSecond(), 1e-9); // 1 / (1/800 + 1/200)
        assertEquals(23_700_000, both.parameterCount());
        assertEquals(100_000_000, both.memoryBytes());
    }

    @Test
    void aMemberWhoseSizeIsUnknownMakesTheSumUnknown() {
        ModelEvaluation api = DistillationComparisonTest.model("teacher", 0.9, 0.9, 300, 320, Double.NaN,
                ModelEvaluation.UNKNOWN, ModelEvaluation.UNKNOWN, ModelEvaluation.UNKNOWN);
        ModelEvaluation encoder = DistillationComparisonTest.model("teacher", 0.9, 0.9, 2.0, 2.5, 800, 22_700_000,
                23_000_000, 90_000_000);
        ModelEvaluation both = ModelEvaluation.ensemble("ensemble", api.scores(), List.of(encoder, api));

        assertEquals(ModelEvaluation.UNKNOWN, both.parameterCount());
        assertEquals(302.0, both.latency().p50Ms(), 1e-9);
        assertEquals(Double.NaN, both.batchThroughputPerSecond());
    }
}
