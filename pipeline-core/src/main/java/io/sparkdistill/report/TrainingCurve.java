package io.sparkdistill.report;

import java.util.List;

/**
 * How one student's training went, for the report: the loss and validation accuracy after every epoch it ran, and
 * which epoch's parameters were kept.
 *
 * @param student       "baseline" or "distilled"
 * @param plannedEpochs {@code hyperparameters.num_epochs}
 * @param bestEpoch     the epoch whose parameters were saved (1-based)
 * @param stoppedEarly  whether early stopping ended training before {@code plannedEpochs}
 * @param epochs        one entry per epoch run, in order
 */
public record TrainingCurve(String student, int plannedEpochs, int bestEpoch, boolean stoppedEarly,
                           List<Epoch> epochs) {

    public TrainingCurve {
        epochs = List.copyOf(epochs);
    }

    /** After one epoch; {@code validationAccuracy} is NaN without a validation split. */
    public record Epoch(int epoch, double trainingLoss, double validationAccuracy) {
    }

    public int epochsRun() {
        return epochs.size();
    }

    /** The kept epoch's validation accuracy; NaN without a validation split or a kept epoch. */
    public double keptValidationAccuracy() {
        return epochs.stream().filter(e -> e.epoch() == bestEpoch).mapToDouble(Epoch::validationAccuracy)
                .findFirst().orElse(Double.NaN);
    }
}
