package io.sparkdistill.student;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.StudentConfig;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class EmbeddingBagTest {
    private static final StudentConfig SMALL = StudentConfig.fastText(128, 8, 2, 3);
    private static final Hyperparameters HYPER = new Hyperparameters(0.05, null, null, 2.0, 0.5, 7L, null, null);
    private static final List<TrainingExample> EXAMPLES = List.of(
            new TrainingExample(List.of("a man plays the guitar on stage"), 0, new float[] {0.7f, 0.2f, 0.1f}),
            new TrainingExample(List.of("two dogs run"), 1, new float[] {0.1f, 0.8f, 0.1f}),
            new TrainingExample(List.of("she reads a novel by her favourite author"), 2,
                    new float[] {0.2f, 0.2f, 0.6f}),
            new TrainingExample(List.of("?!"), 1, new float[] {0.3f, 0.4f, 0.3f}));

    private static DataSet batch() {
        return TrainingBatches.toDataSet(EXAMPLES, new HashingFeaturizer(SMALL.buckets(), SMALL.ngrams(),
                SMALL.charNgrams()), 3);
    }

    @Test
    void eachExamplesOutputIsTheWeightedSumOfItsFiringRows() {
        MultiLayerNetwork network = StudentNetwork.create(SMALL, HYPER, 3);
        INDArray table = network.getLayer(StudentNetwork.EMBEDDING_LAYER).getParam("W");
        INDArray ids = Nd4j.createFromArray(new float[][] {{3, 5, 0}, {7, 0, 0}});
        INDArray weights = Nd4j.createFromArray(new float[][] {{0.25f, 0.75f, 0}, {1, 0, 0}});
        INDArray sums = network.feedForward(ids, weights, null).get(1);
        INDArray expected = Nd4j.vstack(table.getRow(3).mul(0.25).add(table.getRow(5).mul(0.75)), table.getRow(7))
                .reshape(2, SMALL.dimension());
        assertArrayEquals(expected.ravel().toFloatVector(), sums.ravel().toFloatVector(), 1e-6f);
    }

    @Test
    void theBackwardPassMatchesFiniteDifferencesOfTheScore() {
        MultiLayerNetwork network = StudentNetwork.create(SMALL, HYPER, 3);
        DataSet data = batch();
        network.setInput(data.getFeatures());
        network.setLabels(data.getLabels());
        network.setLayerMaskArrays(data.getFeaturesMaskArray(), null);
        network.computeGradientAndScore();
        Gradient gradient = network.gradient();
        INDArray analytic = gradient.getGradientFor(StudentNetwork.EMBEDDING_LAYER + "_W").dup();
        INDArray table = network.getLayer(StudentNetwork.EMBEDDING_LAYER).getParam("W");
        List<Integer> firing = new ArrayList<>();
        float[] ids = data.getFeatures().ravel().toFloatVector();
        float[] weights = data.getFeaturesMaskArray().ravel().toFloatVector();
        for (int c = 0; c < ids.length; c++) {
            if (weights[c] > 0 && !firing.contains((int) ids[c])) {
                firing.add((int) ids[c]);
            }
        }
        int silent = 0;
        while (firing.contains(silent)) {
            silent++;
        }
        double step = 1e-2;
        int checked = 0;
        for (int row : List.of(firing.get(0), firing.get(firing.size() / 2), firing.get(firing.size() - 1), silent)) {
            for (int d = 0; d < SMALL.dimension(); d++) {
                float original = table.getFloat(row, d);
                table.putScalar(row, d, original + step);
                double up = network.score(data);
                table.putScalar(row, d, original - step);
                double down = network.score(data);
                table.putScalar(row, d, original);
                // DL4J's score is the minibatch's mean loss, its gradient the sum (the updater divides it)
                double numeric = EXAMPLES.size() * (up - down) / (2 * step);
                double exact = analytic.getDouble(row, d);
                assertEquals(numeric, exact, 1e-4 + 1e-2 * Math.abs(numeric), "row " + row + ", column " + d);
                checked += exact != 0 ? 1 : 0;
            }
        }
        assertTrue(checked >= 3 * SMALL.dimension() - 2, "the firing rows have gradients, " + checked);
        assertEquals(0.0, analytic.getRow(silent).norm1Number().doubleValue(), "a silent bucket's row gets none");
    }

    @Test
    void itStartsFromTheSeedsEmbeddingAndTrainsToTheSamePredictionsAsTheEmbeddingSequenceAndPooling() {
        MultiLayerNetwork bag = StudentNetwork.create(SMALL, HYPER, 3);
        MultiLayerNetwork sequence = EmbeddingSequenceStudent.create(SMALL, HYPER, 3);
        List<float[]> initial = EmbeddingSequenceStudent.parameters(sequence);
        for (int p = 0; p < initial.size(); p++) {
            assertArrayEquals(initial.get(p), EmbeddingSequenceStudent.parameters(bag).get(p), "parameter " + p);
        }
        DataSet bagBatch = batch();
        DataSet sequenceBatch = EmbeddingSequenceStudent.batch(bagBatch);
        for (int step = 0; step < 20; step++) {
            bag.fit(bagBatch);
            sequence.fit(sequenceBatch);
        }
        List<float[]> trained = EmbeddingSequenceStudent.parameters(bag);
        for (int p = 0; p < trained.size(); p++) {
            assertArrayEquals(EmbeddingSequenceStudent.parameters(sequence).get(p), trained.get(p), 1e-4f,
                    "parameter " + p);
        }
        assertArrayEquals(sequence.output(sequenceBatch.getFeatures(), false, sequenceBatch.getFeaturesMaskArray(),
                        null).ravel().toFloatVector(),
                bag.output(bagBatch.getFeatures(), false, bagBatch.getFeaturesMaskArray(), null).ravel()
                        .toFloatVector(), 1e-4f);
        assertTrue(!bag.params().equalsWithEps(StudentNetwork.create(SMALL, HYPER, 3).params(), 1e-2),
                "the steps moved the parameters");
    }

    @Test
    void itsConfigurationSurvivesDl4jsJson() {
        MultiLayerConfiguration configuration = StudentNetwork.configuration(SMALL, HYPER, 3, SMALL.buckets());
        MultiLayerConfiguration restored = MultiLayerConfiguration.fromJson(configuration.toJson());
        assertEquals(configuration, restored);
        EmbeddingBag layer = (EmbeddingBag) restored.getConf(StudentNetwork.EMBEDDING_LAYER).getLayer();
        assertEquals((long) SMALL.buckets(), layer.getNIn());
        assertEquals((long) SMALL.dimension(), layer.getNOut());
    }

    @Test
    void anIdOutsideTheTableIsRefusedNamingIt() {
        MultiLayerNetwork network = StudentNetwork.create(SMALL, HYPER, 3);
        INDArray ids = Nd4j.createFromArray(new float[][] {{1, 128}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> network.output(ids, false, Nd4j.ones(1, 2), null));
        assertTrue(e.getMessage().contains("bucket id 128.0 of example 0"), e.getMessage());
    }
}
