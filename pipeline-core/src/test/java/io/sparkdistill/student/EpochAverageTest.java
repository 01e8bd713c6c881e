package io.sparkdistill.student;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.StudentConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class EpochAverageTest {
    private static final StudentConfig SMALL = StudentConfig.fastText(64, 4, 2, 3);
    private static final Hyperparameters HYPER = new Hyperparameters(0.05, null, null, 2.0, 0.5, 7L, null, null);

    /** The network as an epoch left it: every parameter set to {@code value}. */
    private static MultiLayerNetwork afterEpoch(MultiLayerNetwork network, float value) {
        network.setParams(Nd4j.valueArrayOf(network.params().shape(), value, network.params().dataType()));
        return network;
    }

    private static float[] params(MultiLayerNetwork network) {
        return network.params().toFloatVector();
    }

    private static float[] filled(MultiLayerNetwork network, float value) {
        float[] expected = new float[(int) network.numParams()];
        Arrays.fill(expected, value);
        return expected;
    }

    @Test
    void aWindowOfOneJudgesTheEpochsOwnNetwork() {
        MultiLayerNetwork network = StudentNetwork.create(SMALL, HYPER, 3);
        EpochAverage own = new EpochAverage(1);
        assertSame(network, own.after(network));
        assertFalse(own.averages());
    }

    @Test
    void theJudgedNetworkHoldsTheMeanOfTheLastEpochsAndTheFirstEpochsAverageWhatThereIs() {
        MultiLayerNetwork network = StudentNetwork.create(SMALL, HYPER, 3);
        EpochAverage lastThree = new EpochAverage(3);
        assertTrue(lastThree.averages());
        MultiLayerNetwork first = lastThree.after(afterEpoch(network, 1f));
        assertArrayEquals(filled(network, 1f), params(first), 1e-6f);
        assertArrayEquals(filled(network, 2f), params(lastThree.after(afterEpoch(network, 3f))), 1e-6f);
        assertArrayEquals(filled(network, 3f), params(lastThree.after(afterEpoch(network, 5f))), 1e-6f);
        MultiLayerNetwork fourth = lastThree.after(afterEpoch(network, 9f));
        assertArrayEquals(filled(network, (3f + 5f + 9f) / 3), params(fourth), 1e-6f, "epoch 1 left the window");
        assertNotSame(network, fourth);
        afterEpoch(network, 100f);
        assertArrayEquals(filled(network, 1f), params(first), 1e-6f, "a judged copy is not touched by later epochs");
        assertArrayEquals(filled(network, 17f / 3), params(fourth), 1e-5f);
    }

    @Test
    void theAveragedStudentPredictsWithTheMeanParameters() {
        MultiLayerNetwork network = StudentNetwork.create(SMALL, HYPER, 3);
        MultiLayerNetwork copy = network.clone();
        EpochAverage lastTwo = new EpochAverage(2);
        lastTwo.after(network);
        copy.setParams(copy.params().mul(3));
        MultiLayerNetwork mean = lastTwo.after(copy);
        MultiLayerNetwork doubled = network.clone();
        doubled.setParams(network.params().mul(2));
        StudentMetadata metadata = StudentMetadata.fastText("distilled", "classification", List.of("a", "b", "c"),
                SMALL.buckets(), SMALL.ngrams(), SMALL.charNgrams(), SMALL.dimension(), Map.of(), null, Map.of());
        assertArrayEquals(StudentModel.fromNetwork(doubled, metadata).predict("two dogs run").probabilities(),
                StudentModel.fromNetwork(mean, metadata).predict("two dogs run").probabilities(), 1e-6f);
    }

    @Test
    void aWindowBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new EpochAverage(0));
    }
}
