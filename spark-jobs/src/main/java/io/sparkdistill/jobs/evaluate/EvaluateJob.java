package io.sparkdistill.jobs.evaluate;

import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.task.TaskStrategies;
import io.sparkdistill.task.TextTask;

/**
 * Stage 3: compares teacher, baseline student and distilled student on the test split. Label tasks and text tasks
 * score different answers (labels with their probabilities, free text against references), so the stage hands the
 * run to the evaluation of the task's kind, here and nowhere else.
 */
public final class EvaluateJob {
    private final RunContext run;
    private final EvaluateOptions options;

    public EvaluateJob(RunContext run) {
        this(run, EvaluateOptions.DEFAULTS);
    }

    public EvaluateJob(RunContext run, EvaluateOptions options) {
        this.run = run;
        this.options = options;
    }

    /**
     * Evaluates and writes {@code metrics.json}, {@code report.md}, {@code report.html} and {@code predictions/};
     * returns the report path. With {@code evaluation.fail_on_regression}, a quality drop since the previous run
     * throws {@link RegressionException} once everything is written, and metrics.json stays the previous one.
     * Students saved by different train runs are refused before anything is evaluated.
     */
    public String run() {
        StudentRuns.requireSameTrainRun(run, options.allowMixedRuns());
        if (TaskStrategies.of(run.config().task()) instanceof TextTask task) {
            return new TextEvaluateJob(run, task, options.acceptRegression()).run();
        }
        return new LabelEvaluateJob(run, options.acceptRegression()).run();
    }
}
