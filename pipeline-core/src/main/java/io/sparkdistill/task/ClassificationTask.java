package io.sparkdistill.task;

import io.sparkdistill.ingest.TaskType;

/** Plain text classification: one text, one label of the job's set. */
public final class ClassificationTask extends LabelTask {
    private static final long serialVersionUID = 1L;

    @Override
    public TaskType type() {
        return TaskType.CLASSIFICATION;
    }
}
