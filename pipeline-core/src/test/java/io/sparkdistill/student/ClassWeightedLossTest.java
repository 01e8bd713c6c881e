package io.sparkdistill.student;

import io.sparkdistill.config.ClassWeighting;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdistill.config.ConfigException;
import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.StudentConfig;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ClassWeightedLossTest {

    /*
     * Two examples, logits z = [ln 3, 0] for both, class weights w = [2, 0.5], alpha 0.5, T 2.
     *   A: hard = class 0, teacher q = [0.5, 0.5]: CE = 0.2876821, KL_T = 0.0372523 (see DistillationLossTest)
     *      hard weight w . hard = 2; soft weight w . q = 0.5 * 2 + 0.5 * 0.5 = 1.25
     *      loss = 0.5 * 2 * 0.2876821 + 0.5 * 4 * 1.25 * 0.0372523          = 0.3808128
     *   B: no gold label, teacher q = [0.8, 0.2]: KL_T = 0.8 ln(0.8/0.6339746) + 0.2 ln(0.2/0.3660254) = 0.0652052
     *      soft weight w . q = 0.8 * 2 + 0.2 * 0.5 = 1.7
     *      loss = 0.5 * 4 * 1.7 * 0.0652052                                   = 0.2216977
     *      (unweighted: 0.5 * 4 * 0.0652052                                   = 0.1304104)
     */
    private static final float[] LOGITS = {(float) Math.log(3), 0f};
    private static final float[][] LABELS = {{1f, 0f, 0.5f, 0.5f}, {0f, 0f, 0.8f, 0.2f}};
    private static final double[] WEIGHTS = {2.0, 0.5};

    private static INDArray scores(DistillationLoss loss) {
        return loss.computeScoreArray(Nd4j.createFromArray(LABELS), Nd4j.createFromArray(new float[][] {LOGITS,
                LOGITS}), new ActivationIdentity(), null);
    }

    @Test
    void eachTermIsWeighedByTheClassWeightItsOwnTargetExpects() {
        INDArray scores = scores(new DistillationLoss(0.5, 2.0, WEIGHTS));
        assertEquals(0.3808128, scores.getDouble(0, 0), 1e-6, "gold-labelled example");
        assertEquals(0.2216977, scores.getDouble(1, 0), 1e-6, "teacher-only example");
    }

    @Test
    void withoutWeightsTheTeacherOnlyExampleKeepsItsUnweightedLoss() {
        assertEquals(0.1304104, scores(new DistillationLoss(0.5, 2.0)).getDouble(1, 0), 1e-6);
        assertEquals(0.1304104, scores(new DistillationLoss(0.5, 2.0, new double[] {1, 1})).getDouble(1, 0), 1e-6);
    }

    @Test
    void thePlainJavaReferenceGivesTheSameWeightedValues() {
        assertEquals(0.3808128, DistillationLoss.value(LOGITS, new float[] {1f, 0f}, new float[] {0.5f, 0.5f},
                0.5, 2.0, WEIGHTS), 1e-6);
        assertEquals(0.2216977, DistillationLoss.value(LOGITS, new float[] {0f, 0f}, new float[] {0.8f, 0.2f},
                0.5, 2.0, WEIGHTS), 1e-6);
    }

    @Test
    void theWeightedGradientMatchesACentralFiniteDifferenceOfTheWeightedScore() {
        INDArray labels = Nd4j.createFromArray(LABELS).castTo(DataType.DOUBLE);
        INDArray z = Nd4j.createFromArray(new double[][] {{0.3, -1.2}, {1.1, 0.4}});
        DistillationLoss loss = new DistillationLoss(0.4, 2.5, WEIGHTS);
        ActivationIdentity identity = new ActivationIdentity();
        INDArray gradient = loss.computeGradient(labels, z.dup(), identity, null);
        double eps = 1e-5;
        for (int i = 0; i < 2; i++) {
            for (int c = 0; c < 2; c++) {
                INDArray plus = z.dup();
                plus.putScalar(i, c, z.getDouble(i, c) + eps);
                INDArray minus = z.dup();
                minus.putScalar(i, c, z.getDouble(i, c) - eps);
                double numeric = (loss.computeScore(labels, plus, identity, null, false)
                        - loss.computeScore(labels, minus, identity, null, false)) / (2 * eps);
                assertEquals(numeric, gradient.getDouble(i, c), 1e-6, "d loss / d z[" + i + "," + c + "]");
            }
        }
    }

    @Test
    void balancedWeightsAreInverseFrequencyNormalisedToMeanOne() {
        // counts 60, 30, 10 -> 1/60, 1/30, 1/10, mean 0.15/3 = 0.05 -> 1/3, 2/3, 2
        double[] weights = ClassWeights.of(ClassWeighting.BALANCED, List.of("a", "b", "c"), Map.of("a", 60L, "b", 30L, "c", 10L));
        assertArrayEquals(new double[] {1.0 / 3, 2.0 / 3, 2.0}, weights, 1e-12);
    }

    @Test
    void aClassWithNoGoldLabelCountsAsOneAndNoneWeighsNothing() {
        double[] weights = ClassWeights.of(ClassWeighting.BALANCED, List.of("a", "b"), Map.of("a", 3L));
        // 1/3 and 1/1, mean 2/3 -> 0.5 and 1.5
        assertArrayEquals(new double[] {0.5, 1.5}, weights, 1e-12);
        assertNull(ClassWeights.of(ClassWeighting.NONE, List.of("a", "b"), Map.of("a", 3L)));
    }

    @Test
    void rejectsNegativeWeights() {
        assertThrows(IllegalArgumentException.class, () -> new DistillationLoss(0.5, 2.0, new double[] {1, -1}));
    }

    @Test
    void theWeightsSurviveTheNetworkConfigurationsJsonRoundTrip() {
        Hyperparameters hyper = new Hyperparameters(0.02, null, null, 3.0, 0.25, 9L, null, null, ClassWeighting.BALANCED);
        MultiLayerConfiguration original = StudentNetwork.configuration(StudentConfig.fastText(128, 8, 2, 0), hyper,
                2, 128, WEIGHTS);
        MultiLayerConfiguration restored = MultiLayerConfiguration.fromJson(original.toJson());
        OutputLayer output = (OutputLayer) restored.getConf(StudentNetwork.OUTPUT_LAYER).getLayer();
        assertEquals(new DistillationLoss(0.25, 3.0, WEIGHTS), output.getLossFn());
    }

    @Test
    void theConfigDefaultsToNoWeightingAndRejectsAnUnknownOneNamingTheKey() {
        String job = """
                name: support
                task: classification
                labels: [billing, refund]
                data:
                  train: data/train.jsonl
                  test: data/test.jsonl
                hyperparameters:
                """;
        assertEquals(ClassWeighting.NONE, ConfigLoader.parse(job + "  seed: 1\n", "job.yaml").hyperparameters().classWeighting());
        assertEquals(ClassWeighting.BALANCED, ConfigLoader.parse(job + "  class_weighting: balanced\n", "job.yaml")
                .hyperparameters().classWeighting());
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(job + "  class_weighting: inverse\n", "job.yaml"));
        assertTrue(e.getMessage().contains("hyperparameters.class_weighting"), e.getMessage());
        assertTrue(e.getMessage().contains("none, balanced"), e.getMessage());
    }
}
