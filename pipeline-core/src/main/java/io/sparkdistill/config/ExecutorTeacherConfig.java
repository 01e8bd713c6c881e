package io.sparkdistill.config;

import java.util.List;

/**
 * A teacher whose model runs on the executors (embedded, local): they share the batch size and, for a model that
 * gives embeddings, the logistic-regression head fitted on the labelled training split.
 */
public sealed interface ExecutorTeacherConfig extends TeacherConfig permits EmbeddedTeacherConfig, LocalTeacherConfig {
    double DEFAULT_HEAD_REGULARIZATION = 0.001;
    int DEFAULT_HEAD_MAX_ITERATIONS = 200;

    /** The reference's rows for the keys embedded and local teachers share. */
    List<KeyDoc> EXECUTOR_KEYS = List.of(
            KeyDoc.of("batch_size", "embedded: texts per encoder call"),
            KeyDoc.of("head_regularization", "L2 strength of the head's logistic regression"),
            KeyDoc.of("head_max_iterations", "iteration cap of that fit"));

    /** L2 strength of the head's logistic regression. */
    Double headRegularization();

    /** Iteration cap of the head's fit. */
    Integer headMaxIterations();

    @Override
    default void validate(ConfigProblems problems) {
        problems.require(batchSize() > 0, "batch_size", batchSize(), "a positive number");
        problems.require(headRegularization() >= 0, "head_regularization", headRegularization(), "zero or more");
        problems.require(headMaxIterations() > 0, "head_max_iterations", headMaxIterations(), "a positive number");
    }
}
