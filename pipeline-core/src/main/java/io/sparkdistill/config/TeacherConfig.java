package io.sparkdistill.config;

import java.io.Serializable;

/**
 * The teacher.
 *
 * @param kind      {@code embedded}: all-MiniLM-L6-v2 run on the executors with a classification head fitted on
 *                  the labelled training split
 * @param batchSize examples per encoder call on an executor (default 32)
 * @param headRegularization L2 strength of the head's logistic regression (default 0.001)
 * @param headMaxIterations  iteration cap of the head's fit (default 200)
 */
public record TeacherConfig(String kind, Integer batchSize, Double headRegularization, Integer headMaxIterations)
        implements Serializable {

    public TeacherConfig {
        kind = kind == null ? "embedded" : kind;
        batchSize = batchSize == null ? 32 : batchSize;
        headRegularization = headRegularization == null ? 0.001 : headRegularization;
        headMaxIterations = headMaxIterations == null ? 200 : headMaxIterations;
    }

    public static TeacherConfig defaults() {
        return new TeacherConfig(null, null, null, null);
    }
}
