package io.sparkdistill.evaluate;

import java.util.Arrays;

/**
 * How long one model takes to answer one example, measured one call at a time on a single thread: the
 * "inference time per example" the source document compares.
 *
 * <p>Percentiles use the nearest-rank method: the p-th percentile of n sorted values is the value at 1-based rank
 * ceil(p / 100 * n). It always returns a value that was actually measured (no interpolation), so p99 of 100 calls is
 * the 99th fastest call, and it is well defined for any n >= 1.
 *
 * @param count               timed calls
 * @param meanMs              mean time per call, milliseconds
 * @param p50Ms               median, milliseconds
 * @param p95Ms               95th percentile, milliseconds
 * @param p99Ms               99th percentile, milliseconds
 * @param throughputPerSecond calls per second of the sequential timed loop (count / total time)
 */
public record LatencyStats(int count, double meanMs, double p50Ms, double p95Ms, double p99Ms,
                           double throughputPerSecond) {

    /** Summarises per-call durations in milliseconds; the array is not modified. */
    public static LatencyStats fromMillis(double[] millis) {
        if (millis.length == 0) {
            throw new IllegalArgumentException("at least one timed call is needed");
        }
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        double total = Arrays.stream(sorted).sum();
        double throughput = total > 0 ? sorted.length / (total / 1000.0) : Double.POSITIVE_INFINITY;
        return new LatencyStats(sorted.length, total / sorted.length, nearestRank(sorted, 50),
                nearestRank(sorted, 95), nearestRank(sorted, 99), throughput);
    }

    /**
     * The time of answering with this model and then {@code other}, one after the other: means add exactly; the
     * percentiles add too, which bounds the combined percentile from above (the slow calls of the two need not
     * coincide).
     */
    public LatencyStats then(LatencyStats other) {
        double mean = meanMs + other.meanMs;
        return new LatencyStats(Math.min(count, other.count), mean, p50Ms + other.p50Ms, p95Ms + other.p95Ms,
                p99Ms + other.p99Ms, mean > 0 ? 1000.0 / mean : Double.POSITIVE_INFINITY);
    }

    /** The nearest-rank percentile of ascending {@code sorted}: the value at 1-based rank ceil(p/100 * n). */
    static double nearestRank(double[] sorted, double percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(1, Math.min(sorted.length, rank)) - 1];
    }
}
