package io.sparkdistill.student;

import io.sparkdistill.evaluate.ClassificationMetrics;
import io.sparkdistill.math.Softmax;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Post-hoc logit adjustment (Menon et al. 2021, "Long-tail learning via logit adjustment"): a trained label student
 * predicts the most probable label, which on imbalanced data favours the large classes; macro-F1 counts every class
 * the same. Subtracting {@code tau x ln(prior)} from each logit moves predictions towards the small classes, and
 * {@code tau} is chosen on the validation split by macro-F1 from {@link #TAUS} (0 included, so a student that gains
 * nothing keeps its logits). The shift is a constant per label, so it folds into the output layer's bias: the saved
 * student predicts with it at no cost.
 *
 * @param tau          the chosen strength (0: no change)
 * @param prior        each label's prior, in label order: its share of the labelled share's gold labels, add-one
 *                     smoothed so that a class without gold labels stays finite
 * @param macroF1ByTau validation macro-F1 at every strength tried, in {@link #TAUS} order
 */
public record LogitAdjustment(double tau, double[] prior, Map<Double, Double> macroF1ByTau) {

    /** Strengths tried, weakest first; a tie keeps the weaker. */
    public static final double[] TAUS = {0.0, 0.25, 0.5, 0.75, 1.0};

    /**
     * Every strength's confusion counts over validation rows, added one row at a time and merged across partitions,
     * so that the rows can be scored where they are (on Spark's executors) and only the counts travel.
     */
    public static final class Trial implements Serializable {
        private static final long serialVersionUID = 1L;

        private final double[] prior;
        private final double[][] shifts = new double[TAUS.length][];
        private final ClassificationMetrics[] byTau = new ClassificationMetrics[TAUS.length];

        /** @param goldPerClass gold labels per class in the labelled share, in label order (the prior's counts) */
        public Trial(List<String> labels, long[] goldPerClass) {
            if (goldPerClass.length != labels.size()) {
                throw new IllegalArgumentException(goldPerClass.length + " class counts for " + labels.size()
                        + " labels");
            }
            this.prior = prior(goldPerClass);
            for (int t = 0; t < TAUS.length; t++) {
                shifts[t] = shift(prior, TAUS[t]);
                byTau[t] = new ClassificationMetrics(labels);
            }
        }

        /** Scores one row at every strength. */
        public Trial add(int gold, float[] probabilities) {
            for (int t = 0; t < TAUS.length; t++) {
                float[] adjusted = adjust(probabilities, shifts[t]);
                byTau[t].add(gold, Softmax.argmax(adjusted), adjusted);
            }
            return this;
        }

        public Trial merge(Trial other) {
            for (int t = 0; t < TAUS.length; t++) {
                byTau[t].merge(other.byTau[t]);
            }
            return this;
        }

        /** The strength with the best macro-F1 so far; the weaker on ties. */
        public LogitAdjustment choice() {
            Map<Double, Double> scores = new LinkedHashMap<>();
            double bestTau = 0;
            double best = Double.NEGATIVE_INFINITY;
            for (int t = 0; t < TAUS.length; t++) {
                double macroF1 = byTau[t].result().macroF1();
                scores.put(TAUS[t], macroF1);
                if (macroF1 > best) {
                    best = macroF1;
                    bestTau = TAUS[t];
                }
            }
            return new LogitAdjustment(bestTau, prior, scores);
        }
    }

    /** What each logit gains: {@code -tau x ln(prior)}, larger for the smaller classes. */
    public double[] biasShift() {
        return shift(prior, tau);
    }

    /** Adds {@link #biasShift()} to the network's output bias, in place: its predictions then include the adjustment. */
    public void applyTo(MultiLayerNetwork network) {
        INDArray bias = network.getOutputLayer().getParam("b");
        INDArray shift = Nd4j.createFromArray(biasShift()).castTo(bias.dataType()).reshape(bias.shape());
        bias.addi(shift);
    }

    /** Validation macro-F1 without the adjustment. */
    public double macroF1Before() {
        return macroF1ByTau.get(TAUS[0]);
    }

    /** Validation macro-F1 at the chosen strength. */
    public double macroF1After() {
        return macroF1ByTau.get(tau);
    }

    /** What the student's training report and train-summary.json record. */
    public Map<String, Object> asMap(List<String> labels) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tau", tau);
        Map<String, Double> priors = new LinkedHashMap<>();
        for (int c = 0; c < labels.size(); c++) {
            priors.put(labels.get(c), prior[c]);
        }
        out.put("prior", priors);
        Map<String, Double> scores = new LinkedHashMap<>();
        macroF1ByTau.forEach((t, f) -> scores.put(String.valueOf(t), f));
        out.put("validation_macro_f1_by_tau", scores);
        return out;
    }

    private static double[] prior(long[] counts) {
        double total = 0;
        for (long count : counts) {
            total += count + 1;
        }
        double[] prior = new double[counts.length];
        for (int c = 0; c < counts.length; c++) {
            prior[c] = (counts[c] + 1) / total;
        }
        return prior;
    }

    private static double[] shift(double[] prior, double tau) {
        double[] shift = new double[prior.length];
        for (int c = 0; c < prior.length; c++) {
            shift[c] = -tau * Math.log(prior[c]);
        }
        return shift;
    }

    /** The probabilities after adding {@code shift} to the logits: {@code p x exp(shift)}, renormalised. */
    private static float[] adjust(float[] probabilities, double[] shift) {
        double[] weighted = new double[probabilities.length];
        double total = 0;
        for (int c = 0; c < probabilities.length; c++) {
            weighted[c] = probabilities[c] * Math.exp(shift[c]);
            total += weighted[c];
        }
        float[] adjusted = new float[probabilities.length];
        for (int c = 0; c < probabilities.length; c++) {
            adjusted[c] = (float) (weighted[c] / total);
        }
        return adjusted;
    }
}
