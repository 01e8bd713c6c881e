package io.sparkdistill.evaluate;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyProbeTest {

    @Test
    void perTokenLatencyIsEachExamplesTimeOverTheTokensItWrote() {
        List<Integer> tokens = List.of(4, 4, 4, 4, 4);
        LatencyProbe.GenerationLatency latency = LatencyProbe.measureGeneration(tokens, 2, n -> {
            LockSupport.parkNanos(1_000_000);
            return n;
        });
        assertEquals(5, latency.perExample().count());
        assertTrue(latency.perExample().p50Ms() >= 1.0, "each call sleeps a millisecond");
        assertEquals(latency.perExample().p50Ms() / 4, latency.perToken().p50Ms(), 1e-9);
        assertEquals(latency.perExample().p99Ms() / 4, latency.perToken().p99Ms(), 1e-9);
        assertEquals(4.0, latency.meanTokens());
    }

    @Test
    void theWarmUpCallsAreNotCountedAndExamplesWithoutTokensCountPerExampleOnly() {
        int[] calls = {0};
        LatencyProbe.GenerationLatency latency = LatencyProbe.measureGeneration(List.of(0, 0, 6), 5, n -> {
            calls[0]++;
            return n;
        });
        assertEquals(8, calls[0], "five warm-up calls, then one per input");
        assertEquals(3, latency.perExample().count());
        assertEquals(1, latency.perToken().count());
        assertEquals(2.0, latency.meanTokens());
        assertNull(LatencyProbe.measureGeneration(List.of(0), 0, n -> n).perToken(), "no token, no per-token figure");
    }
}
