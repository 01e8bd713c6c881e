package io.sparkdistill.math;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SoftmaxTest {

    @Test
    void logSumExpIsTheLogarithmOfTheSumOfExponentials() {
        assertEquals(Math.log(Math.exp(1) + Math.exp(2) + Math.exp(-3)), Softmax.logSumExp(new double[] {1, 2, -3}),
                1e-12);
    }

    @Test
    void logSumExpStaysFiniteWhereTheExponentialsOverflow() {
        assertEquals(1000 + Math.log(2), Softmax.logSumExp(new double[] {1000, 1000}), 1e-9);
        assertEquals(-1000 + Math.log(3), Softmax.logSumExp(new double[] {-1000, -1000, -1000}), 1e-9);
    }

    @Test
    void logitsMinusTheirLogSumExpAreTheSoftmaxsLogProbabilities() {
        float[] logits = {2.5f, -1f, 0.25f, 7f};
        double[] values = new double[logits.length];
        for (int c = 0; c < logits.length; c++) {
            values[c] = logits[c];
        }
        double logSum = Softmax.logSumExp(values);
        float[] p = Softmax.of(logits, 1.0);
        for (int c = 0; c < logits.length; c++) {
            assertEquals(p[c], Math.exp(values[c] - logSum), 1e-6);
        }
    }
}
