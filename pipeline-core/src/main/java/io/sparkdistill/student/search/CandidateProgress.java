package io.sparkdistill.student.search;

import java.util.List;

/**
 * Where a candidate stands after a rung: the epochs it has trained in all, the epoch it keeps (its best validation
 * macro-F1 so far, as early stopping keeps it), that epoch's scores, and the score the search ranks it by.
 *
 * @param epochsTrained      epochs trained since the search began
 * @param bestEpoch          the kept epoch (1-based)
 * @param stoppedEarly       early stopping ended its training: later rungs train it no further
 * @param validationMacroF1  the kept epoch's validation macro-F1
 * @param validationAccuracy the kept epoch's validation accuracy, the tie break
 * @param rankedMacroF1      the mean validation macro-F1 of the kept epoch and the trained epochs either side of it,
 *                           the search's score: the best of many noisy epochs flatters a lucky one, while a peak its
 *                           neighbours share is less likely to be noise on a small validation split
 */
public record CandidateProgress(int epochsTrained, int bestEpoch, boolean stoppedEarly, double validationMacroF1,
                                double validationAccuracy, double rankedMacroF1) {

    /**
     * The progress of a curve: {@code macroF1ByEpoch} holds every epoch trained so far (NaN where there is none), and
     * the window around the kept epoch is as wide as the epochs trained allow.
     */
    public static CandidateProgress of(List<Double> macroF1ByEpoch, int bestEpoch, boolean stoppedEarly,
                                       double validationAccuracy) {
        int from = Math.max(1, bestEpoch - 1);
        int to = Math.min(macroF1ByEpoch.size(), bestEpoch + 1);
        double sum = 0;
        for (int epoch = from; epoch <= to; epoch++) {
            sum += macroF1ByEpoch.get(epoch - 1);
        }
        return new CandidateProgress(macroF1ByEpoch.size(), bestEpoch, stoppedEarly,
                macroF1ByEpoch.get(bestEpoch - 1), validationAccuracy, sum / (to - from + 1));
    }
}
