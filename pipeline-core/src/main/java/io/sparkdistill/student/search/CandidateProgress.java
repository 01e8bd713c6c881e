package io.sparkdistill.student.search;

/**
 * Where a candidate stands after a rung: the epochs it has trained in all, the epoch it keeps (its best validation
 * macro-F1 so far, as early stopping keeps it) and that epoch's scores.
 *
 * @param epochsTrained      epochs trained since the search began
 * @param bestEpoch          the kept epoch (1-based)
 * @param stoppedEarly       early stopping ended its training: later rungs train it no further
 * @param validationMacroF1  the kept epoch's validation macro-F1, the search's score
 * @param validationAccuracy the kept epoch's validation accuracy, the first tie break
 */
public record CandidateProgress(int epochsTrained, int bestEpoch, boolean stoppedEarly, double validationMacroF1,
                                double validationAccuracy) {
}
