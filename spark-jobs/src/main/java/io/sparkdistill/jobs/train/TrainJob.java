package io.sparkdistill.jobs.train;

import io.sparkdistill.jobs.InputException;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.store.SyntheticStore;
import io.sparkdistill.jobs.store.TrainSummary;
import io.sparkdistill.task.TaskStrategies;
import io.sparkdistill.task.TextTask;

/**
 * Stage 2: trains two students with DL4J on the executors, the distilled one from the teacher's answers and the
 * baseline from the gold answers, the comparison the source document makes. Label tasks train label students on
 * soft labels, text tasks the student family their strategy chooses, so the stage hands the run to the training of
 * the task's kind, here and nowhere else.
 */
public final class TrainJob {
    private final RunContext run;

    public TrainJob(RunContext run) {
        this.run = run;
    }

    public TrainSummary run() {
        if (!SyntheticStore.of(run).exists()) {
            throw new InputException("no synthetic data in " + run.layout().synthetic()
                    + "; run the generate stage first (distill generate --config ...)");
        }
        if (TaskStrategies.of(run.config().task()) instanceof TextTask task) {
            return new TextTrainJob(run, task).run();
        }
        return new LabelTrainJob(run).run();
    }
}
