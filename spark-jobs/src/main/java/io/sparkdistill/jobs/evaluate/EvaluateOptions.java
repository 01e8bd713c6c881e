package io.sparkdistill.jobs.evaluate;

/**
 * What the person starting an evaluation may waive on the command line; by default nothing.
 *
 * @param acceptRegression {@code --accept}: a drop beyond the tolerance does not fail the run, and this evaluation
 *                         becomes the baseline the next one is compared with
 * @param allowMixedRuns   {@code --allow-mixed-runs}: compare a baseline and a distilled student saved by different
 *                         train runs (normally refused: a train stopped part way leaves such a pair)
 */
public record EvaluateOptions(boolean acceptRegression, boolean allowMixedRuns) {
    public static final EvaluateOptions DEFAULTS = new EvaluateOptions(false, false);
}
