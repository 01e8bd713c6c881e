package io.sparkdistill.jobs.generate;

import org.apache.spark.util.LongAccumulator;

import java.io.Serializable;

/**
 * What the executors report to the driver's progress line while an API teacher answers: examples done, tokens
 * paid for, and examples that failed after their retries. Added to on the Spark task's own thread only.
 */
record GenerationMeters(LongAccumulator examples, LongAccumulator tokens, LongAccumulator failed)
        implements Serializable {

    void record(GenerationOutcome outcome) {
        examples.add(1);
        if (outcome.usage().paid()) {
            tokens.add(outcome.usage().promptTokens() + (long) outcome.usage().completionTokens());
        }
        if (outcome.status() == GenerationOutcome.Status.FAILED) {
            failed.add(1);
        }
    }
}
