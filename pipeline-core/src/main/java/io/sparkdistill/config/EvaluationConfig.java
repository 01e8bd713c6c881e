package io.sparkdistill.config;

import java.io.Serializable;

/**
 * How the evaluation measures speed, and how it judges a run against the previous run of the same job.
 *
 * @param latencyExamples     test examples timed one at a time, single thread (default 300)
 * @param warmupExamples      calls made before timing starts, so JIT and native caches are warm (default 100)
 * @param regressionTolerance how far a quality metric may fall since the previous run before the report flags it,
 *                            as a fraction of the metric's full scale (default 0.01: one point of accuracy)
 * @param failOnRegression    whether a flagged drop makes the evaluate stage fail, after writing the report
 *                            (default false)
 */
public record EvaluationConfig(Integer latencyExamples, Integer warmupExamples, Double regressionTolerance,
                               Boolean failOnRegression) implements Serializable {

    public EvaluationConfig {
        latencyExamples = latencyExamples == null ? 300 : latencyExamples;
        warmupExamples = warmupExamples == null ? 100 : warmupExamples;
        regressionTolerance = regressionTolerance == null ? 0.01 : regressionTolerance;
        failOnRegression = failOnRegression != null && failOnRegression;
    }

    public static EvaluationConfig defaults() {
        return new EvaluationConfig(null, null, null, null);
    }

    /** Checks every key; {@code problems} is the view of this section. */
    public void validate(ConfigProblems problems) {
        problems.require(latencyExamples > 0, "latency_examples", latencyExamples, "a positive number");
        problems.require(warmupExamples >= 0, "warmup_examples", warmupExamples, "zero or more");
        problems.require(regressionTolerance >= 0 && regressionTolerance < 1, "regression_tolerance",
                regressionTolerance, "a share of the metric's scale in [0, 1), such as 0.01");
    }
}
