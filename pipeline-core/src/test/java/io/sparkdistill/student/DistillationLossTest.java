package io.sparkdistill.student;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.StudentConfig;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

class DistillationLossTest {

    /*
     * The hand-worked example: logits z = [ln 3, 0], hard label = class 0, teacher q = [0.5, 0.5].
     *   softmax(z)     = [3/4, 1/4]
     *   CE             = -ln(3/4)                                   = 0.2876821
     *   T = 1: KL      = 0.5 ln(0.5/0.75) + 0.5 ln(0.5/0.25)
     *                  = 0.5 (-0.4054651) + 0.5 (0.6931472)         = 0.1438410
     *   T = 2: softmax(z/2) = [sqrt3/(sqrt3+1), 1/(sqrt3+1)]         = [0.6339746, 0.3660254]
     *          KL      = 0.5 ln(0.5/0.6339746) + 0.5 ln(0.5/0.3660254)
     *                  = 0.5 (-0.2374008) + 0.5 (0.3119054)         = 0.0372523
     *   alpha 0.5, T 1: 0.5 * 0.2876821 + 0.5 * 1 * 0.1438410        = 0.2157616
     *   alpha 0.5, T 2: 0.5 * 0.2876821 + 0.5 * 4 * 0.0372523        = 0.2183456
     *   alpha 0,   T 2: 4 * 0.0372523                                = 0.1490091
     *   alpha 1,   T 2: 0.2876821 (the soft term has no weight)
     */
    private static final float[] HAND_LOGITS = {(float) Math.log(3), 0f};
    private static final float[] HAND_LABELS = {1f, 0f, 0.5f, 0.5f};

    private static double handScore(double alpha, double temperature) {
        INDArray labels = Nd4j.createFromArray(new float[][] {HAND_LABELS});
        INDArray logits = Nd4j.createFromArray(new float[][] {HAND_LOGITS});
        return new DistillationLoss(alpha, temperature)
                .computeScore(labels, logits, new ActivationIdentity(), null, true);
    }

    @Test
    void scoreEqualsTheHandComputedValueForTemperatureOneAndHalfAlpha() {
        assertEquals(0.2157616, handScore(0.5, 1.0), 1e-6);
    }

    @Test
    void scoreEqualsTheHandComputedValueForTemperatureTwoAndHalfAlpha() {
        assertEquals(0.2183456, handScore(0.5, 2.0), 1e-6);
    }

    @Test
    void scoreIsTheScaledSoftTermAloneWhenAlphaIsZero() {
        assertEquals(0.1490091, handScore(0.0, 2.0), 1e-6);
    }

    @Test
    void scoreIsTheHardCrossEntropyAloneWhenAlphaIsOne() {
        assertEquals(0.2876821, handScore(1.0, 2.0), 1e-6);
    }

    @Test
    void plainJavaReferenceAgreesWithTheHandComputedValues() {
        float[] hard = {1f, 0f};
        float[] teacher = {0.5f, 0.5f};
        assertEquals(0.2157616, DistillationLoss.value(HAND_LOGITS, hard, teacher, 0.5, 1.0), 1e-6);
        assertEquals(0.2183456, DistillationLoss.value(HAND_LOGITS, hard, teacher, 0.5, 2.0), 1e-6);
    }

    @Test
    void perExampleScoresAgreeWithThePlainJavaReferenceOnRandomInputs() {
        Random random = new Random(7);
        int batch = 5;
        int classes = 4;
        float[][] logits = randomLogits(random, batch, classes);
        float[][] labels = randomLabels(random, batch, classes);
        DistillationLoss loss = new DistillationLoss(0.3, 3.0);
        INDArray scores = loss.computeScoreArray(Nd4j.createFromArray(labels), Nd4j.createFromArray(logits),
                new ActivationIdentity(), null);
        for (int i = 0; i < batch; i++) {
            float[] hard = java.util.Arrays.copyOfRange(labels[i], 0, classes);
            float[] teacher = java.util.Arrays.copyOfRange(labels[i], classes, 2 * classes);
            assertEquals(DistillationLoss.value(logits[i], hard, teacher, 0.3, 3.0), scores.getDouble(i, 0), 1e-5,
                    "example " + i);
        }
    }

    @Test
    void withAlphaOneItMatchesDl4jsSoftmaxCrossEntropyInScoreAndGradient() {
        Random random = new Random(11);
        int batch = 6;
        int classes = 3;
        float[][] logits = randomLogits(random, batch, classes);
        float[][] labels = randomLabels(random, batch, classes);
        float[][] hard = new float[batch][];
        for (int i = 0; i < batch; i++) {
            hard[i] = java.util.Arrays.copyOf(labels[i], classes);
        }
        INDArray z = Nd4j.createFromArray(logits);
        INDArray ours = Nd4j.createFromArray(labels);
        INDArray theirs = Nd4j.createFromArray(hard);
        DistillationLoss loss = new DistillationLoss(1.0, 2.0);
        LossMCXENT reference = new LossMCXENT();

        for (boolean average : new boolean[] {true, false}) {
            assertEquals(reference.computeScore(theirs, z.dup(), new ActivationSoftmax(), null, average),
                    loss.computeScore(ours, z.dup(), new ActivationIdentity(), null, average), 1e-5);
        }
        INDArray expected = reference.computeGradient(theirs, z.dup(), new ActivationSoftmax(), null);
        INDArray actual = loss.computeGradient(ours, z.dup(), new ActivationIdentity(), null);
        assertArrayEquals(expected.ravel().toFloatVector(), actual.ravel().toFloatVector(), 1e-5f);
    }

    @Test
    void gradientMatchesACentralFiniteDifferenceOfTheScore() {
        Random random = new Random(3);
        int batch = 3;
        int classes = 4;
        INDArray labels = Nd4j.createFromArray(randomLabels(random, batch, classes)).castTo(DataType.DOUBLE);
        INDArray z = Nd4j.createFromArray(randomLogits(random, batch, classes)).castTo(DataType.DOUBLE);
        DistillationLoss loss = new DistillationLoss(0.4, 2.5);
        ActivationIdentity identity = new ActivationIdentity();
        INDArray gradient = loss.computeGradient(labels, z.dup(), identity, null);

        double eps = 1e-5;
        for (int i = 0; i < batch; i++) {
            for (int c = 0; c < classes; c++) {
                INDArray plus = z.dup();
                plus.putScalar(i, c, z.getDouble(i, c) + eps);
                INDArray minus = z.dup();
                minus.putScalar(i, c, z.getDouble(i, c) - eps);
                // summed score (average=false): the gradient is per example, not divided by the minibatch
                double numeric = (loss.computeScore(labels, plus, identity, null, false)
                        - loss.computeScore(labels, minus, identity, null, false)) / (2 * eps);
                assertEquals(numeric, gradient.getDouble(i, c), 1e-6, "d loss / d z[" + i + "," + c + "]");
            }
        }
    }

    @Test
    void aSmallStepAgainstTheGradientLowersTheLoss() {
        Random random = new Random(5);
        INDArray labels = Nd4j.createFromArray(randomLabels(random, 4, 3));
        INDArray z = Nd4j.createFromArray(randomLogits(random, 4, 3));
        DistillationLoss loss = new DistillationLoss(0.3, 2.0);
        ActivationIdentity identity = new ActivationIdentity();
        double before = loss.computeScore(labels, z.dup(), identity, null, true);
        INDArray stepped = z.sub(loss.computeGradient(labels, z.dup(), identity, null).mul(0.05));
        double after = loss.computeScore(labels, stepped, identity, null, true);
        assertTrue(after < before, "loss went from " + before + " to " + after);
    }

    @Test
    void aMaskedOutExampleAddsNothingToScoreOrGradient() {
        INDArray labels = Nd4j.createFromArray(new float[][] {HAND_LABELS, HAND_LABELS});
        INDArray z = Nd4j.createFromArray(new float[][] {HAND_LOGITS, HAND_LOGITS});
        INDArray mask = Nd4j.createFromArray(new float[][] {{1f}, {0f}});
        DistillationLoss loss = new DistillationLoss(0.5, 2.0);
        ActivationIdentity identity = new ActivationIdentity();
        assertEquals(0.2183456, loss.computeScore(labels, z, identity, mask, false), 1e-6);
        INDArray gradient = loss.computeGradient(labels, z, identity, mask);
        assertEquals(0.0, gradient.getRow(1).norm2Number().doubleValue());
        assertTrue(gradient.getRow(0).norm2Number().doubleValue() > 0);
    }

    @Test
    void rejectsAnOutputLayerThatAppliesItsOwnSoftmax() {
        INDArray labels = Nd4j.createFromArray(new float[][] {HAND_LABELS});
        INDArray z = Nd4j.createFromArray(new float[][] {HAND_LOGITS});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DistillationLoss(0.5, 2.0).computeScore(labels, z, new ActivationSoftmax(), null, true));
        assertTrue(e.getMessage().contains("IDENTITY"), e.getMessage());
    }

    @Test
    void rejectsLabelsThatDoNotCarryBothHalves() {
        INDArray labels = Nd4j.createFromArray(new float[][] {{1f, 0f}});
        INDArray z = Nd4j.createFromArray(new float[][] {HAND_LOGITS});
        assertThrows(IllegalArgumentException.class,
                () -> new DistillationLoss(0.5, 2.0).computeGradient(labels, z, new ActivationIdentity(), null));
    }

    @Test
    void rejectsAnAlphaOutsideZeroToOneAndANonPositiveTemperature() {
        assertThrows(IllegalArgumentException.class, () -> new DistillationLoss(1.5, 2.0));
        assertThrows(IllegalArgumentException.class, () -> new DistillationLoss(0.5, 0.0));
    }

    @Test
    void theNetworkConfigurationWithTheLossSurvivesAJsonRoundTrip() {
        Hyperparameters hyper = new Hyperparameters(0.02, null, null, 3.0, 0.25, 9L, null, null);
        MultiLayerConfiguration original = StudentNetwork.configuration(StudentConfig.fastText(128, 8, 2, 0), hyper,
                3, 128);
        MultiLayerConfiguration restored = MultiLayerConfiguration.fromJson(original.toJson());

        OutputLayer output = (OutputLayer) restored.getConf(StudentNetwork.OUTPUT_LAYER).getLayer();
        DistillationLoss loss = assertInstanceOf(DistillationLoss.class, output.getLossFn());
        assertEquals(0.25, loss.alpha());
        assertEquals(3.0, loss.temperature());
        assertEquals(original, restored);
    }

    private static float[][] randomLogits(Random random, int batch, int classes) {
        float[][] logits = new float[batch][classes];
        for (float[] row : logits) {
            for (int c = 0; c < classes; c++) {
                row[c] = (float) (random.nextGaussian() * 2);
            }
        }
        return logits;
    }

    /** Rows of [one-hot hard label, teacher probabilities]. */
    private static float[][] randomLabels(Random random, int batch, int classes) {
        float[][] labels = new float[batch][2 * classes];
        for (float[] row : labels) {
            row[random.nextInt(classes)] = 1f;
            double sum = 0;
            double[] raw = new double[classes];
            for (int c = 0; c < classes; c++) {
                raw[c] = random.nextDouble() + 0.05;
                sum += raw[c];
            }
            for (int c = 0; c < classes; c++) {
                row[classes + c] = (float) (raw[c] / sum);
            }
        }
        return labels;
    }
}
