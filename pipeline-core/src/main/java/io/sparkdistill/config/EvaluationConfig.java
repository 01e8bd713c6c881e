package io.sparkdistill.config;

import java.io.Serializable;
import java.util.List;

/**
 * How the evaluation measures speed, and how it judges a run against the previous run of the same job.
 *
 * @param latencyExamples     test examples timed one at a time, single thread (default 300)
 * @param warmupExamples      calls made before timing starts, so JIT and native caches are warm (default 100)
 * @param regressionTolerance how far a quality metric may fall since the previous run before the report flags it,
 *                            as a fraction of the metric's full scale (default 0.01: one point of accuracy)
 * @param failOnRegression    whether a flagged drop makes the evaluate stage fail, after writing the report
 *                            (default false)
 * @param measureMemory       whether each model's memory is measured in a fresh JVM of its own (default true: a few
 *                            seconds, the processes run side by side)
 */
public record EvaluationConfig(Integer latencyExamples, Integer warmupExamples, Double regressionTolerance,
                               Boolean failOnRegression, Boolean measureMemory) implements Serializable {

    /** The rows of the configuration reference for this section's keys. */
    public static final List<KeyDoc> KEYS = List.of(
            KeyDoc.of("latency_examples", "test examples timed one by one"),
            KeyDoc.of("warmup_examples", "calls before timing starts"),
            KeyDoc.of("regression_tolerance", "a quality metric that fell by more than this share of its full scale "
                    + "since the previous run is flagged: 0.01 is one point of accuracy, F1, exact match, BLEU or "
                    + "chrF (0-100) and 0.01 of ROUGE (0-1)"),
            KeyDoc.of("fail_on_regression", "a flagged drop fails the evaluate stage (exit 1), after the report is "
                    + "written"),
            KeyDoc.of("measure_memory", "each model's memory is the peak resident set of a fresh JVM that loads it "
                    + "and answers the latency sample, beside an empty JVM (Linux; a few seconds, the processes run "
                    + "side by side); false: the report says not measured"));

    public EvaluationConfig {
        latencyExamples = latencyExamples == null ? 300 : latencyExamples;
        warmupExamples = warmupExamples == null ? 100 : warmupExamples;
        regressionTolerance = regressionTolerance == null ? 0.01 : regressionTolerance;
        failOnRegression = failOnRegression != null && failOnRegression;
        measureMemory = measureMemory == null || measureMemory;
    }

    public static EvaluationConfig defaults() {
        return new EvaluationConfig(null, null, null, null, null);
    }

    /** Checks every key; {@code problems} is the view of this section. */
    public void validate(ConfigProblems problems) {
        problems.require(latencyExamples > 0, "latency_examples", latencyExamples, "a positive number");
        problems.require(warmupExamples >= 0, "warmup_examples", warmupExamples, "zero or more");
        problems.require(regressionTolerance >= 0 && regressionTolerance < 1, "regression_tolerance",
                regressionTolerance, "a share of the metric's scale in [0, 1), such as 0.01");
    }
}
