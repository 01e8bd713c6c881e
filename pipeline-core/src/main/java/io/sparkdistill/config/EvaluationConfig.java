package io.sparkdistill.config;

import java.io.Serializable;

/**
 * How the evaluation measures speed.
 *
 * @param latencyExamples test examples timed one at a time, single thread (default 300)
 * @param warmupExamples  calls made before timing starts, so JIT and native caches are warm (default 100)
 */
public record EvaluationConfig(Integer latencyExamples, Integer warmupExamples) implements Serializable {

    public EvaluationConfig {
        latencyExamples = latencyExamples == null ? 300 : latencyExamples;
        warmupExamples = warmupExamples == null ? 100 : warmupExamples;
    }

    public static EvaluationConfig defaults() {
        return new EvaluationConfig(null, null);
    }
}
