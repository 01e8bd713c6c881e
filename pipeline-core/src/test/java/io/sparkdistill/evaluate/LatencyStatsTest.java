package io.sparkdistill.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    @Test
    void takesNearestRankPercentilesOfOneToAHundred() {
        // nearest rank: value at rank ceil(p/100 * 100) = p, so p50 = 50, p95 = 95, p99 = 99
        List<Double> values = new ArrayList<>(IntStream.rangeClosed(1, 100).mapToObj(i -> (double) i).toList());
        Collections.shuffle(values, new java.util.Random(7)); // order of arrival must not matter
        LatencyStats s = LatencyStats.fromMillis(values.stream().mapToDouble(Double::doubleValue).toArray());

        assertEquals(100, s.count());
        assertEquals(50.0, s.p50Ms());
        assertEquals(95.0, s.p95Ms());
        assertEquals(99.0, s.p99Ms());
        assertEquals(50.5, s.meanMs(), 1e-12);
        // 100 calls in 5050 ms
        assertEquals(100 / 5.05, s.throughputPerSecond(), 1e-9);
    }

    @Test
    void takesNearestRanksThatNeverInterpolate() {
        // n = 3: p50 -> rank ceil(1.5) = 2, p95 -> rank ceil(2.85) = 3; n = 1: every percentile is the value
        double[] sorted = {10, 20, 30};
        assertEquals(20.0, LatencyStats.nearestRank(sorted, 50));
        assertEquals(30.0, LatencyStats.nearestRank(sorted, 95));
        assertEquals(7.0, LatencyStats.nearestRank(new double[] {7}, 99));
    }

    @Test
    void refusesToSummariseNoCalls() {
        assertThrows(IllegalArgumentException.class, () -> LatencyStats.fromMillis(new double[0]));
    }

    @Test
    void probeWarmsUpCyclingOverInputsThenTimesEachInputOnce() {
        List<String> seen = new ArrayList<>();
        LatencyStats s = LatencyProbe.measure(List.of("x", "y"), 3, seen::add);

        assertEquals(List.of("x", "y", "x", "x", "y"), seen);
        assertEquals(2, s.count());
        assertTrue(s.p50Ms() >= 0 && s.p99Ms() >= s.p50Ms());
    }

    @Test
    void throughputFeedsEveryInputOnceInBatchesOfTheGivenSize() {
        List<Integer> sizes = new ArrayList<>();
        double perSecond = LatencyProbe.throughput(List.of(1, 2, 3, 4, 5), 2, batch -> sizes.add(batch.size()));

        assertEquals(List.of(2, 2, 1), sizes);
        assertTrue(perSecond > 0);
    }
}
