package io.sparkdistill.jobs.evaluate;

/**
 * A quality metric fell since the previous run of the job by more than {@code evaluation.regression_tolerance}, and
 * the job asked to fail on that ({@code evaluation.fail_on_regression: true}). Thrown after the report is written, so
 * the nightly run fails with the evidence in place.
 */
public final class RegressionException extends RuntimeException {
    public RegressionException(String message) {
        super(message);
    }
}
