package io.sparkdistill.evaluate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The finished scores of one model on one labelled set, as {@link ClassificationMetrics#result()} reports them.
 * Ratios are fractions in [0, 1], not percentages.
 *
 * @param labels          the job's labels, in the order every map and matrix below follows
 * @param count           examples scored
 * @param accuracy        share of examples whose prediction equals the gold label (0 when nothing was scored)
 * @param macroF1         unweighted mean of {@code perClassF1} over all labels (see {@link ClassificationMetrics})
 * @param perClassF1      label -> F1, in label order
 * @param perClassSupport label -> number of examples whose gold label it is, in label order
 * @param confusion       {@code confusion[gold][predicted]} counts, indices into {@code labels}
 * @param ece             expected calibration error over 15 equal-width confidence bins (Guo et al. 2017)
 * @param meanConfidence  mean probability the model gave to the label it predicted
 */
public record ClassificationScores(List<String> labels, long count, double accuracy, double macroF1,
                                   Map<String, Double> perClassF1, Map<String, Long> perClassSupport,
                                   int[][] confusion, double ece, double meanConfidence) {

    public ClassificationScores {
        labels = List.copyOf(labels);
        perClassF1 = Collections.unmodifiableMap(new LinkedHashMap<>(perClassF1));
        perClassSupport = Collections.unmodifiableMap(new LinkedHashMap<>(perClassSupport));
        confusion = deepCopy(confusion);
    }

    /** A copy, so that a caller cannot change the scores after the fact. */
    @Override
    public int[][] confusion() {
        return deepCopy(confusion);
    }

    private static int[][] deepCopy(int[][] matrix) {
        int[][] copy = new int[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            copy[i] = matrix[i].clone();
        }
        return copy;
    }
}
