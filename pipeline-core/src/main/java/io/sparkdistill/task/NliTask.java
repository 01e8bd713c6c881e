package io.sparkdistill.task;

import io.sparkdistill.ingest.TaskType;

/** Natural-language inference: does the premise entail, contradict or say nothing about the hypothesis. */
public final class NliTask extends LabelTask {
    private static final long serialVersionUID = 1L;

    @Override
    public TaskType type() {
        return TaskType.NLI;
    }
}
