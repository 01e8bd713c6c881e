package io.sparkdistill.student;

/**
 * Decides, epoch by epoch, whether training should go on and which epoch's parameters are the ones to keep. An epoch
 * is better only when its validation accuracy is strictly higher than the best so far, so a plateau counts as no
 * progress. With patience {@code p > 0}, training stops once {@code p} epochs in a row brought no progress and the
 * best epoch is kept. Patience 0 turns early stopping off: every epoch is trained and the last one is kept. Without a
 * validation split (accuracy NaN) there is nothing to judge by, so training never stops early and the last epoch
 * is kept.
 */
public final class EarlyStopping {
    private final int patience;
    private int lastEpoch;
    private int bestEpoch;
    private double bestAccuracy = Double.NaN;
    private int epochsWithoutProgress;

    public EarlyStopping(int patience) {
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be zero (off) or positive, got " + patience);
        }
        this.patience = patience;
    }

    /**
     * Records the validation accuracy after {@code epoch} (1-based, increasing); returns true when this epoch's
     * parameters are now the ones to keep.
     */
    public boolean record(int epoch, double validationAccuracy) {
        if (epoch <= lastEpoch) {
            throw new IllegalArgumentException("epochs must increase: got " + epoch + " after " + lastEpoch);
        }
        lastEpoch = epoch;
        boolean noSignal = Double.isNaN(validationAccuracy);
        boolean better = !noSignal && (Double.isNaN(bestAccuracy) || validationAccuracy > bestAccuracy);
        if (better) {
            bestAccuracy = validationAccuracy;
        }
        epochsWithoutProgress = better || noSignal ? 0 : epochsWithoutProgress + 1;
        boolean keep = patience == 0 || noSignal || better;
        if (keep) {
            bestEpoch = epoch;
        }
        return keep;
    }

    /** True when the last {@code patience} epochs brought no better validation accuracy. */
    public boolean shouldStop() {
        return patience > 0 && epochsWithoutProgress >= patience;
    }

    /** The epoch whose parameters are kept (0 before any epoch was recorded). */
    public int bestEpoch() {
        return bestEpoch;
    }
}
