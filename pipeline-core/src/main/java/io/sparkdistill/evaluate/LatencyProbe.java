package io.sparkdistill.evaluate;

import java.util.List;
import java.util.function.Consumer;

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
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("inputs must not be empty");
        }
        if (warmupCalls < 0) {
            throw new IllegalArgumentException("warmupCalls must be >= 0 but was " + warmupCalls);
        }
        for (int i = 0; i < warmupCalls; i++) {
            call.accept(inputs.get(i % inputs.size()));
        }
        double[] millis = new double[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            T input = inputs.get(i);
            long start = System.nanoTime();
            call.accept(input);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        return LatencyStats.fromMillis(millis);
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
