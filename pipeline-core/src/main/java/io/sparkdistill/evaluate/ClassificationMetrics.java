package io.sparkdistill.evaluate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A mergeable accumulator of classification quality over a fixed label list.
 *
 * <p>Spark scores the test split on executors: each partition folds its rows in with {@link #add} and
 * {@code treeAggregate} combines the partial accumulators with {@link #merge}. Hence it is {@link Serializable},
 * holds only counts and sums (never the rows), and merging two halves gives exactly what adding every row to one
 * accumulator gives.
 *
 * <p><b>Macro-F1</b> follows scikit-learn's
 * {@code f1_score(y_true, y_pred, labels=range(len(labels)), average="macro")}: the unweighted mean of the
 * per-class F1 = 2TP / (2TP + FP + FN) over <em>every</em> label of the job. A class whose F1 is undefined
 * (no support and never predicted) counts as 0, which is what scikit-learn's default {@code zero_division="warn"}
 * does (it scores 0 and warns). We pass the full label list deliberately: without {@code labels=}, scikit-learn
 * averages only over labels present in y_true or y_pred, which would make macro-F1 of different models and runs
 * incomparable.
 *
 * <p><b>Calibration</b>: the confidence of a prediction is the probability the model gave to the label it
 * predicted (the top-label confidence when the prediction is the argmax). Confidences fall into 15 equal-width bins
 * ((m-1)/15, m/15], the first bin also taking 0; ECE = sum over bins of (bin share) * |bin accuracy - bin mean
 * confidence|, as in Guo et al. 2017, "On Calibration of Modern Neural Networks".
 *
 * <p><b>Agreement</b>: the same accumulator scores a student against its teacher: pass the teacher's label as
 * {@code gold}, and accuracy becomes the share of examples on which the student agrees with the teacher.
 *
 * <p>Not thread-safe: one instance per partition, as Spark uses it.
 */
public final class ClassificationMetrics implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Number of equal-width confidence bins, Guo et al.'s choice. */
    public static final int CALIBRATION_BINS = 15;

    private final ArrayList<String> labels;
    private final int[][] confusion;
    private final long[] binCount = new long[CALIBRATION_BINS];
    private final long[] binCorrect = new long[CALIBRATION_BINS];
    private final double[] binConfidence = new double[CALIBRATION_BINS];
    private long count;
    private double confidenceSum;

    /** An empty accumulator over {@code labels}; the index of a label in this list is its class number. */
    public ClassificationMetrics(List<String> labels) {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("labels must not be empty");
        }
        this.labels = new ArrayList<>(labels);
        this.confusion = new int[labels.size()][labels.size()];
    }

    /**
     * Counts one example.
     *
     * @param gold          class number of the reference label (the teacher's label when measuring agreement)
     * @param predicted     class number the model predicted
     * @param probabilities the model's distribution over all labels, used for calibration
     * @return this accumulator, so that it can serve directly as Spark's {@code seqOp}
     */
    public ClassificationMetrics add(int gold, int predicted, float[] probabilities) {
        checkClass("gold", gold);
        checkClass("predicted", predicted);
        Objects.requireNonNull(probabilities, "probabilities");
        if (probabilities.length != labels.size()) {
            throw new IllegalArgumentException("probabilities must have one entry per label (" + labels.size()
                    + ") but had " + probabilities.length);
        }
        double confidence = probabilities[predicted];
        int bin = binOf(confidence);
        confusion[gold][predicted]++;
        count++;
        confidenceSum += confidence;
        binCount[bin]++;
        binConfidence[bin] += confidence;
        if (gold == predicted) {
            binCorrect[bin]++;
        }
        return this;
    }

    /**
     * Folds {@code other} into this accumulator and returns this, as Spark's {@code combOp} expects.
     * {@code other} is left unchanged.
     */
    public ClassificationMetrics merge(ClassificationMetrics other) {
        if (!labels.equals(other.labels)) {
            throw new IllegalArgumentException("cannot merge metrics over different labels: " + labels
                    + " vs " + other.labels);
        }
        for (int g = 0; g < confusion.length; g++) {
            for (int p = 0; p < confusion.length; p++) {
                confusion[g][p] += other.confusion[g][p];
            }
        }
        for (int b = 0; b < CALIBRATION_BINS; b++) {
            binCount[b] += other.binCount[b];
            binCorrect[b] += other.binCorrect[b];
            binConfidence[b] += other.binConfidence[b];
        }
        count += other.count;
        confidenceSum += other.confidenceSum;
        return this;
    }

    /** The scores of everything counted so far. */
    public ClassificationScores result() {
        int k = labels.size();
        long correct = 0;
        Map<String, Double> f1 = new LinkedHashMap<>();
        Map<String, Long> support = new LinkedHashMap<>();
        double f1Sum = 0;
        for (int c = 0; c < k; c++) {
            long truePositives = confusion[c][c];
            long goldTotal = 0;
            long predictedTotal = 0;
            for (int other = 0; other < k; other++) {
                goldTotal += confusion[c][other];
                predictedTotal += confusion[other][c];
            }
            long denominator = goldTotal + predictedTotal; // = 2TP + FN + FP
            double classF1 = denominator == 0 ? 0.0 : 2.0 * truePositives / denominator;
            f1.put(labels.get(c), classF1);
            support.put(labels.get(c), goldTotal);
            f1Sum += classF1;
            correct += truePositives;
        }
        return new ClassificationScores(labels, count, ratio(correct, count), f1Sum / k, f1, support, confusion,
                expectedCalibrationError(), count == 0 ? 0.0 : confidenceSum / count);
    }

    private double expectedCalibrationError() {
        if (count == 0) {
            return 0.0;
        }
        // sum_b (n_b / N) * |correct_b / n_b - confidence_b / n_b| = sum_b |correct_b - confidence_b| / N
        double gapSum = 0;
        for (int b = 0; b < CALIBRATION_BINS; b++) {
            gapSum += Math.abs(binCorrect[b] - binConfidence[b]);
        }
        return gapSum / count;
    }

    private static int binOf(double confidence) {
        int bin = (int) Math.ceil(confidence * CALIBRATION_BINS) - 1;
        return Math.max(0, Math.min(CALIBRATION_BINS - 1, bin));
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }

    private void checkClass(String what, int classNumber) {
        if (classNumber < 0 || classNumber >= labels.size()) {
            throw new IllegalArgumentException(what + " class must be in [0, " + labels.size() + ") but was "
                    + classNumber);
        }
    }
}
