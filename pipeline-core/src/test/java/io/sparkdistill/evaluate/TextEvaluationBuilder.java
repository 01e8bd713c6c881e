package io.sparkdistill.evaluate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds a {@link TextModelEvaluation} for tests, with every figure the test does not care about left unknown:
 * no per-token latency, NaN tokens and throughput, {@link ModelEvaluation#UNKNOWN} sizes, a 1 ms latency.
 */
public final class TextEvaluationBuilder {
    private final String role;
    private String description;
    private final Map<String, Double> quality = new LinkedHashMap<>();
    private final Map<String, Double> agreement = new LinkedHashMap<>();
    private LatencyStats latency = latency(1, 1, 1);
    private LatencyStats latencyPerToken;
    private double meanGeneratedTokens = Double.NaN;
    private double throughputPerSecond = Double.NaN;
    private long parameterCount = ModelEvaluation.UNKNOWN;
    private long sizeOnDiskBytes = ModelEvaluation.UNKNOWN;
    private long memoryBytes = ModelEvaluation.UNKNOWN;

    private TextEvaluationBuilder(String role) {
        this.role = role;
        this.description = role + " model";
    }

    public static TextEvaluationBuilder teacher() {
        return new TextEvaluationBuilder(ModelEvaluation.TEACHER);
    }

    public static TextEvaluationBuilder baseline() {
        return new TextEvaluationBuilder(ModelEvaluation.BASELINE);
    }

    public static TextEvaluationBuilder distilled() {
        return new TextEvaluationBuilder(ModelEvaluation.DISTILLED);
    }

    /** Latency over 200 calls whose mean is the mean of the three percentiles given, in milliseconds. */
    public static LatencyStats latency(double p50Ms, double p95Ms, double p99Ms) {
        double mean = (p50Ms + p95Ms + p99Ms) / 3;
        return new LatencyStats(200, mean, p50Ms, p95Ms, p99Ms, 1000 / mean);
    }

    public TextEvaluationBuilder description(String text) {
        description = text;
        return this;
    }

    public TextEvaluationBuilder quality(String metric, double value) {
        quality.put(metric, value);
        return this;
    }

    public TextEvaluationBuilder agreement(String metric, double value) {
        agreement.put(metric, value);
        return this;
    }

    public TextEvaluationBuilder latency(LatencyStats stats) {
        latency = stats;
        return this;
    }

    public TextEvaluationBuilder latencyPerToken(LatencyStats stats) {
        latencyPerToken = stats;
        return this;
    }

    public TextEvaluationBuilder meanGeneratedTokens(double tokens) {
        meanGeneratedTokens = tokens;
        return this;
    }

    public TextEvaluationBuilder throughput(double examplesPerSecond) {
        throughputPerSecond = examplesPerSecond;
        return this;
    }

    public TextEvaluationBuilder sizes(long parameters, long diskBytes, long memory) {
        parameterCount = parameters;
        sizeOnDiskBytes = diskBytes;
        memoryBytes = memory;
        return this;
    }

    public TextModelEvaluation build() {
        return new TextModelEvaluation(role, description, quality, agreement, latency, latencyPerToken,
                meanGeneratedTokens, throughputPerSecond, parameterCount, sizeOnDiskBytes, memoryBytes);
    }
}
