package io.sparkdistill.evaluate;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * Times a model on the driver (or one executor) so that teacher and students are compared under the same
 * conditions: one thread, one example per call, after a warm-up that lets the JIT compile the hot path and native
 * runtimes (ONNX) fill their caches. Wall-clock time by {@link System#nanoTime()}.
 */
public final class LatencyProbe {
    private LatencyProbe() {
    }

    /**
     * Calls {@code call} {@code warmupCalls} times untimed (cycling over {@code inputs}), then once per input,
     * timing each call on its own.
     */
    public static <T> LatencyStats measure(List<T> inputs, int warmupCalls, Consumer<T> call) {
        return LatencyStats.fromMillis(timeEach(inputs, warmupCalls, input -> {
            call.accept(input);
            return 0;
        }, new int[inputs.size()]));
    }

    /**
     * Latency of a model that writes its answer token by token: per example, and per generated token (each
     * example's time over the tokens it wrote), with the mean tokens per example.
     */
    public record GenerationLatency(LatencyStats perExample, LatencyStats perToken, double meanTokens) {
    }

    /**
     * As {@link #measure}, for a call that returns how many tokens it generated; an example that generated none
     * counts for the per-example figures only.
     */
    public static <T> GenerationLatency measureGeneration(List<T> inputs, int warmupCalls, ToIntFunction<T> call) {
        int[] tokens = new int[inputs.size()];
        double[] millis = timeEach(inputs, warmupCalls, call, tokens);
        double[] perToken = new double[millis.length];
        int counted = 0;
        long totalTokens = 0;
        for (int i = 0; i < millis.length; i++) {
            totalTokens += tokens[i];
            if (tokens[i] > 0) {
                perToken[counted++] = millis[i] / tokens[i];
            }
        }
        return new GenerationLatency(LatencyStats.fromMillis(millis),
                counted == 0 ? null : LatencyStats.fromMillis(Arrays.copyOf(perToken, counted)),
                (double) totalTokens / millis.length);
    }

    /** Warms up, then times each input's call on its own; what each timed call returned goes to {@code results}. */
    private static <T> double[] timeEach(List<T> inputs, int warmupCalls, ToIntFunction<T> call, int[] results) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("inputs must not be empty");
        }
        if (warmupCalls < 0) {
            throw new IllegalArgumentException("warmupCalls must be >= 0 but was " + warmupCalls);
        }
        for (int i = 0; i < warmupCalls; i++) {
            call.applyAsInt(inputs.get(i % inputs.size()));
        }
        double[] millis = new double[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            T input = inputs.get(i);
            long start = System.nanoTime();
            results[i] = call.applyAsInt(input);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        return millis;
    }

    /**
     * Examples per second when the model is fed batches of {@code batchSize} (the last batch may be smaller), as a
     * Spark partition feeds it. No warm-up is done here: call it after {@link #measure}, which warms the model.
     */
    public static <T> double throughput(List<T> inputs, int batchSize, Consumer<List<T>> batchCall) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("inputs must not be empty");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1 but was " + batchSize);
        }
        long start = System.nanoTime();
        for (int from = 0; from < inputs.size(); from += batchSize) {
            batchCall.accept(inputs.subList(from, Math.min(inputs.size(), from + batchSize)));
        }
        long elapsed = System.nanoTime() - start;
        return elapsed > 0 ? inputs.size() / (elapsed / 1e9) : Double.POSITIVE_INFINITY;
    }
}
