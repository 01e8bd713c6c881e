package io.sparkdistill.math;

/** Softmax with a temperature: the one place teachers, students and losses turn logits into probabilities. */
public final class Softmax {
    private Softmax() {
    }

    /** softmax(logits / temperature), computed stably (the largest logit is subtracted first). */
    public static float[] of(float[] logits, double temperature) {
        if (temperature <= 0) {
            throw new IllegalArgumentException("temperature must be positive, got " + temperature);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (float z : logits) {
            max = Math.max(max, z);
        }
        double[] e = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            e[i] = Math.exp((logits[i] - max) / temperature);
            sum += e[i];
        }
        float[] p = new float[logits.length];
        for (int i = 0; i < logits.length; i++) {
            p[i] = (float) (e[i] / sum);
        }
        return p;
    }

    /**
     * ln(sum of e^v over {@code values}), in double, computed stably (the largest value is subtracted first): the
     * normaliser of a log-softmax, for callers that need log-probabilities rather than {@link #of}'s floats.
     */
    public static double logSumExp(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : values) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    /** Index of the largest value (the first one on ties). */
    public static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
