package io.sparkdistill.student;

import io.sparkdistill.math.Softmax;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Soft labels that mix the teacher's answers with the baseline student's ({@code search.mix_in_baseline}): the
 * distilled student learns {@code softmax((a x teacher logits + b x ln(baseline probabilities)) / T)} instead of the
 * teacher's alone. The baseline learnt the labelled share's gold labels, the teacher knows what a large model knows;
 * where each is right on different examples, the mix is better than either (stacking two models with two weights).
 * When the teacher is weaker than the baseline on the data, the mix leans on the baseline; when it is far stronger,
 * on the teacher.
 *
 * <p>{@code a} and {@code b} are the pair of {@link #SCALES} whose mix has the lowest log-loss on the validation
 * split's gold labels. Log-loss, not accuracy, because the student learns the whole distribution; and it makes each
 * scale a temperature too: an over-confident teacher gets a small {@code a}. Each source alone is fitted the same way
 * ({@code a0} with {@code b = 0}, {@code b0} with {@code a = 0}), which gives the teacher's share of the mix on a scale
 * a reader can compare: {@code (a / a0) / (a / a0 + b / b0)}, 1 for the teacher alone, 0 for the baseline alone.
 *
 * @param teacherScale       {@code a}
 * @param baselineScale      {@code b}
 * @param teacherShare       the teacher's share of the mix, each source at its own best scale
 * @param validationLogLoss  the mix's mean log-loss on validation
 * @param teacherLogLoss     the teacher's alone, at its best scale
 * @param baselineLogLoss    the baseline's alone, at its best scale
 * @param validationExamples how many validation examples the scales were fitted on
 */
public record SoftLabelMix(double teacherScale, double baselineScale, double teacherShare, double validationLogLoss,
                           double teacherLogLoss, double baselineLogLoss, long validationExamples)
        implements Serializable {

    /** 0, then 2^-6 to 2^4 in steps of the square root of 2: from a source left out to one sharpened 16 times. */
    public static final double[] SCALES = scales();
    /** Floor under the baseline's probabilities before the logarithm: a float softmax can round a class to 0. */
    private static final double PROBABILITY_FLOOR = 1e-30;

    /** The mixed logits of one example, as the teacher's logits would be used: the student applies T to them. */
    public float[] logits(float[] teacherLogits, float[] baselineProbabilities) {
        if (teacherLogits.length != baselineProbabilities.length) {
            throw new IllegalArgumentException("the teacher gives " + teacherLogits.length
                    + " logits but the baseline " + baselineProbabilities.length + " probabilities");
        }
        float[] mixed = new float[teacherLogits.length];
        for (int c = 0; c < mixed.length; c++) {
            mixed[c] = (float) (teacherScale * teacherLogits[c] + baselineScale * logOf(baselineProbabilities[c]));
        }
        return mixed;
    }

    /** The mix as the training report and the summary record it. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("teacher_share", teacherShare);
        map.put("teacher_scale", teacherScale);
        map.put("baseline_scale", baselineScale);
        map.put("validation_log_loss", validationLogLoss);
        map.put("teacher_log_loss", teacherLogLoss);
        map.put("baseline_log_loss", baselineLogLoss);
        map.put("validation_examples", validationExamples);
        return map;
    }

    private static double logOf(float probability) {
        return Math.log(Math.max(probability, PROBABILITY_FLOOR));
    }

    private static double[] scales() {
        double[] scales = new double[22];
        for (int k = 1; k < scales.length; k++) {
            scales[k] = Math.pow(2, (k - 13) / 2.0);
        }
        return scales;
    }

    /**
     * The summed log-loss of every pair of scales over the validation examples added so far: executors fill one each
     * over their rows, {@link #merge} adds them up, {@link #choice} picks the pair.
     */
    public static final class Trial implements Serializable {
        private static final long serialVersionUID = 1L;
        private final int classes;
        /** [teacher scale][baseline scale]. */
        private final double[][] logLoss = new double[SCALES.length][SCALES.length];
        private long examples;

        public Trial(int classes) {
            if (classes < 2) {
                throw new IllegalArgumentException("a mix of soft labels needs at least 2 classes, got " + classes);
            }
            this.classes = classes;
        }

        /** One validation example: its gold class, the teacher's logits, the baseline's probabilities. */
        public Trial add(int gold, float[] teacherLogits, float[] baselineProbabilities) {
            if (gold < 0 || gold >= classes) {
                throw new IllegalArgumentException("gold class " + gold + " is not one of the " + classes);
            }
            if (teacherLogits.length != classes || baselineProbabilities.length != classes) {
                throw new IllegalArgumentException("expected " + classes + " teacher logits and baseline "
                        + "probabilities, got " + teacherLogits.length + " and " + baselineProbabilities.length);
            }
            double[] logBaseline = new double[classes];
            for (int c = 0; c < classes; c++) {
                logBaseline[c] = logOf(baselineProbabilities[c]);
            }
            double[] z = new double[classes];
            for (int i = 0; i < SCALES.length; i++) {
                for (int j = 0; j < SCALES.length; j++) {
                    for (int c = 0; c < classes; c++) {
                        z[c] = SCALES[i] * teacherLogits[c] + SCALES[j] * logBaseline[c];
                    }
                    logLoss[i][j] += Softmax.logSumExp(z) - z[gold];
                }
            }
            examples++;
            return this;
        }

        public Trial merge(Trial other) {
            if (other.classes != classes) {
                throw new IllegalArgumentException("cannot merge trials over " + classes + " and " + other.classes
                        + " classes");
            }
            for (int i = 0; i < SCALES.length; i++) {
                for (int j = 0; j < SCALES.length; j++) {
                    logLoss[i][j] += other.logLoss[i][j];
                }
            }
            examples += other.examples;
            return this;
        }

        /** The pair of scales of lowest validation log-loss (both 0, which predicts nothing, is never one). */
        public SoftLabelMix choice() {
            if (examples == 0) {
                throw new IllegalStateException("no validation example to fit the mix of soft labels on");
            }
            int[] mixed = lowest(true, true);
            int[] teacher = lowest(true, false);
            int[] baseline = lowest(false, true);
            double a = SCALES[mixed[0]] / SCALES[teacher[0]];
            double b = SCALES[mixed[1]] / SCALES[baseline[1]];
            return new SoftLabelMix(SCALES[mixed[0]], SCALES[mixed[1]], a / (a + b), mean(mixed), mean(teacher),
                    mean(baseline), examples);
        }

        /**
         * The pair of lowest log-loss, each scale from the whole grid where it is free, else 0; on a tie, the first in
         * grid order.
         */
        private int[] lowest(boolean teacherFree, boolean baselineFree) {
            int[] best = null;
            for (int i = 0; i < (teacherFree ? SCALES.length : 1); i++) {
                for (int j = 0; j < (baselineFree ? SCALES.length : 1); j++) {
                    boolean predictsNothing = i == 0 && j == 0;
                    if (!predictsNothing && (best == null || logLoss[i][j] < logLoss[best[0]][best[1]])) {
                        best = new int[] {i, j};
                    }
                }
            }
            return best;
        }

        private double mean(int[] pair) {
            return logLoss[pair[0]][pair[1]] / examples;
        }
    }
}
