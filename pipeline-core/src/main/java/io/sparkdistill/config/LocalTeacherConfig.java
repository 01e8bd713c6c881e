package io.sparkdistill.config;

import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.util.List;

/**
 * A user's own DJL-loadable model as the teacher ({@code kind: local}), run on the executors.
 *
 * @param batchSize          examples per model call on an executor (default 32)
 * @param headRegularization encoder models: L2 strength of the head's logistic regression (default 0.001)
 * @param headMaxIterations  encoder models: iteration cap of the head's fit (default 200)
 * @param local              the model: where it is and how to run it
 */
// Read as a plain record: the interface's deserializer, which Jackson would inherit, picks this record by kind.
@JsonDeserialize(using = JsonDeserializer.None.class)
public record LocalTeacherConfig(Integer batchSize, Double headRegularization, Integer headMaxIterations,
                                 LocalModelSettings local) implements ExecutorTeacherConfig {

    /** The reference's row for this kind's own section. */
    public static final List<KeyDoc> KEYS = List.of(KeyDoc.of("local.*", "", "local: `path` (folder or Hadoop URL), "
            + "`kind` (`encoder` or `classifier`), `engine` (`OnnxRuntime`, or `PyTorch` for a `.pt` path; PyTorch "
            + "needs `-Ppytorch`), `model_name`, `tokenizer`, `pooling`, `normalize`, `max_length`"));

    public LocalTeacherConfig {
        batchSize = batchSize == null ? DEFAULT_BATCH_SIZE : batchSize;
        headRegularization = headRegularization == null ? DEFAULT_HEAD_REGULARIZATION : headRegularization;
        headMaxIterations = headMaxIterations == null ? DEFAULT_HEAD_MAX_ITERATIONS : headMaxIterations;
    }

    @Override
    public TeacherKind kind() {
        return TeacherKind.LOCAL;
    }

    @Override
    public void validate(ConfigProblems problems) {
        ExecutorTeacherConfig.super.validate(problems);
        problems.require(local != null, "local", null, "a local section (path, kind, ...)");
        if (local != null) {
            local.validate(problems.at("local"));
        }
    }
}
