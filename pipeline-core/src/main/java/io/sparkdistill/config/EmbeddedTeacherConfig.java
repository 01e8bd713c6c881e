package io.sparkdistill.config;

import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * The embedded teacher ({@code kind: embedded}, the default): all-MiniLM-L6-v2 run on the executors with a
 * classification head fitted on the labelled training split, no network.
 *
 * @param batchSize          examples per encoder call on an executor (default 32)
 * @param headRegularization L2 strength of the head's logistic regression (default 0.001)
 * @param headMaxIterations  iteration cap of the head's fit (default 200)
 */
// Read as a plain record: the interface's deserializer, which Jackson would inherit, picks this record by kind.
@JsonDeserialize(using = JsonDeserializer.None.class)
public record EmbeddedTeacherConfig(Integer batchSize, Double headRegularization, Integer headMaxIterations)
        implements ExecutorTeacherConfig {

    public EmbeddedTeacherConfig {
        batchSize = batchSize == null ? DEFAULT_BATCH_SIZE : batchSize;
        headRegularization = headRegularization == null ? DEFAULT_HEAD_REGULARIZATION : headRegularization;
        headMaxIterations = headMaxIterations == null ? DEFAULT_HEAD_MAX_ITERATIONS : headMaxIterations;
    }

    public static EmbeddedTeacherConfig defaults() {
        return new EmbeddedTeacherConfig(null, null, null);
    }

    @Override
    public TeacherKind kind() {
        return TeacherKind.EMBEDDED;
    }
}
