package io.sparkdistill.jobs.train;

import java.util.List;
import java.util.Map;

/**
 * What one train run did, written to {@code train-summary.json}: per student, the loss and validation accuracy after
 * each epoch (so over-fitting shows), the examples it saw and how long it took.
 */
public record TrainSummary(String runId, Map<String, StudentRun> students) {

    /** One trained student. */
    public record StudentRun(String kind, long trainingExamples, double alpha, List<Epoch> epochs, double seconds,
                             String savedTo) {
    }

    /** The state after one epoch; {@code validationAccuracy} is NaN without a validation split. */
    public record Epoch(int epoch, double trainingLoss, double validationAccuracy, double seconds) {
    }
}
