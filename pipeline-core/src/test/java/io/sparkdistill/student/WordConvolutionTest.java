package io.sparkdistill.student;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.StudentConfig;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class WordConvolutionTest {
    private static final List<String> LABELS = List.of("art", "love", "sports");
    private static final WordVocabulary VOCABULARY = new WordVocabulary(List.of("the", "a", "game", "love", "paint",
            "is", "of", "heart", "ball", "won", "yak"));
    private static final Hyperparameters HYPER = new Hyperparameters(0.05, null, null, 2.0, 0.5, 7L, null, null);
    private static final List<TrainingExample> EXAMPLES = List.of(
            new TrainingExample(List.of("the game of love is won by the heart"), 1, new float[] {0.2f, 0.7f, 0.1f}),
            new TrainingExample(List.of("paint"), 0, new float[] {0.8f, 0.1f, 0.1f}),
            new TrainingExample(List.of("a ball game", "won"), 2, new float[] {0.1f, 0.2f, 0.7f}),
            new TrainingExample(List.of(""), 1, new float[] {0.3f, 0.4f, 0.3f}),
            new TrainingExample(List.of("love paint heart ball the of a is game won unknown words past the end"), 0,
                    new float[] {0.5f, 0.3f, 0.2f}));

    private static StudentConfig config(int kernel) {
        return StudentConfig.cnn(8, 6, kernel, 12, 100);
    }

    private static DataSet batch(StudentConfig config) {
        StudentMetadata metadata = StudentMetadata.cnn("distilled", "classification", LABELS, config.dimension(),
                config.filters(), config.kernel(), config.maxTokens(), VOCABULARY, Map.of(), null, Map.of());
        return TrainingBatches.toDataSet(EXAMPLES, metadata.input(), LABELS.size());
    }

    /** A fused network with non-zero biases (so that their layout is exercised) and DL4J's layers holding the same. */
    private static MultiLayerNetwork[] pair(StudentConfig config, boolean dropout) {
        MultiLayerNetwork fused = StudentNetwork.create(config, HYPER, LABELS.size(), VOCABULARY.size());
        fused.getLayer(StudentNetwork.CNN_CONVOLUTION_LAYER).getParam("b").assign(
                Nd4j.rand(1, config.filters()).subi(0.3));
        fused.getLayer(StudentNetwork.CNN_OUTPUT_LAYER).getParam("b").assign(
                Nd4j.createFromArray(new float[][] {{0.3f, -0.2f, 0.1f}}));
        if (!dropout) {
            fused.getLayerWiseConfigurations().getConf(StudentNetwork.CNN_OUTPUT_LAYER).getLayer().setIDropout(null);
        }
        MultiLayerNetwork legacy = Dl4jConvolutionStudent.create(config, HYPER, LABELS.size(), VOCABULARY.size(),
                dropout);
        Dl4jConvolutionStudent.copyFrom(fused, legacy);
        return new MultiLayerNetwork[] {fused, legacy};
    }

    @Test
    void itComputesWhatDl4jsEmbeddingConvolutionAndMaxPoolingComputeFromTheSameParameters() {
        for (int kernel : new int[] {1, 3, 5}) {
            StudentConfig config = config(kernel);
            MultiLayerNetwork[] networks = pair(config, true);
            INDArray features = batch(config).getFeatures();
            assertArrayEquals(networks[1].output(features).ravel().toFloatVector(),
                    networks[0].output(features).ravel().toFloatVector(), 1e-5f, "kernel " + kernel);
        }
    }

    @Test
    void itsGradientsAreThoseOfDl4jsLayersForTheSameParametersAndBatch() {
        for (int kernel : new int[] {1, 3, 5}) {
            StudentConfig config = config(kernel);
            MultiLayerNetwork[] networks = pair(config, false);
            DataSet data = batch(config);
            Gradient fused = gradient(networks[0], data);
            Gradient legacy = gradient(networks[1], data);
            Map<String, String> pairs = Map.of("0_W", "0_W", "0_cW", "1_W", "0_b", "1_b", "1_W", "3_W", "1_b", "3_b");
            for (Map.Entry<String, String> p : pairs.entrySet()) {
                float[] expected = StudentForward.rowMajor(legacy.getGradientFor(p.getValue()));
                float[] actual = StudentForward.rowMajor(fused.getGradientFor(p.getKey()));
                assertArrayEquals(expected, actual, 1e-5f, "kernel " + kernel + ", " + p.getKey());
                assertTrue(Nd4j.createFromArray(actual).norm1Number().doubleValue() > 0,
                        "kernel " + kernel + ", " + p.getKey() + " has a gradient");
            }
            assertEquals(networks[1].score(), networks[0].score(), 1e-6);
        }
    }

    @Test
    void theBackwardPassMatchesFiniteDifferencesOfTheScore() {
        StudentConfig config = config(3);
        MultiLayerNetwork network = pair(config, false)[0];
        DataSet data = batch(config);
        Gradient gradient = gradient(network, data);
        INDArray table = network.getLayer(StudentNetwork.CNN_CONVOLUTION_LAYER).getParam("W");
        INDArray weights = network.getLayer(StudentNetwork.CNN_CONVOLUTION_LAYER).getParam("cW");
        INDArray bias = network.getLayer(StudentNetwork.CNN_CONVOLUTION_LAYER).getParam("b");
        int game = VOCABULARY.id("game");
        int unused = VOCABULARY.id("yak");
        int checked = 0;
        for (long[] at : new long[][] {{game, 0}, {game, 5}, {VOCABULARY.id("love"), 2}, {unused, 1}}) {
            checked += check(network, data, table, gradient.getGradientFor("0_W"), at);
        }
        for (long[] at : new long[][] {{0, 0}, {4, 2}, {9, 5}, {23, 3}}) {
            checked += check(network, data, weights, gradient.getGradientFor("0_cW"), at);
        }
        for (long[] at : new long[][] {{0, 0}, {0, 3}}) {
            checked += check(network, data, bias, gradient.getGradientFor("0_b"), at);
        }
        assertTrue(checked >= 6, "most checked parameters have a gradient, " + checked);
        assertEquals(0.0, gradient.getGradientFor("0_W").getRow(unused).norm1Number().doubleValue(),
                "a word no example has gets none");
    }

    /** Compares one parameter's analytic gradient with the score's central difference; 1 if it is not zero. */
    private static int check(MultiLayerNetwork network, DataSet data, INDArray param, INDArray analytic, long[] at) {
        double step = 1e-2;
        float original = param.getFloat(at);
        param.putScalar(at, original + step);
        double up = network.score(data);
        param.putScalar(at, original - step);
        double down = network.score(data);
        param.putScalar(at, original);
        // DL4J's score is the minibatch's mean loss, its gradient the sum (the updater divides it)
        double numeric = EXAMPLES.size() * (up - down) / (2 * step);
        double exact = analytic.getDouble(at);
        assertEquals(numeric, exact, 2e-3 + 2e-2 * Math.abs(numeric), "parameter at " + List.of(at[0], at[1]));
        return exact != 0 ? 1 : 0;
    }

    private static Gradient gradient(MultiLayerNetwork network, DataSet data) {
        network.setInput(data.getFeatures());
        network.setLabels(data.getLabels());
        network.computeGradientAndScore();
        return network.gradient();
    }

    @Test
    void theSameSeedTrainsTheSameParametersBitForBit() {
        StudentConfig config = config(3);
        DataSet data = batch(config);
        float[][] trained = new float[2][];
        for (int run = 0; run < 2; run++) {
            // DL4J reseeds ND4J's global generator from the seed when it builds a network, and dropout draws from it
            MultiLayerNetwork network = StudentNetwork.create(config, HYPER, LABELS.size(), VOCABULARY.size());
            for (int step = 0; step < 10; step++) {
                network.fit(data);
            }
            trained[run] = network.params().toFloatVector();
        }
        assertArrayEquals(trained[0], trained[1]);
        assertTrue(!Nd4j.createFromArray(trained[0]).equalsWithEps(StudentNetwork.create(config, HYPER, LABELS.size(),
                VOCABULARY.size()).params(), 1e-3), "the steps moved the parameters");
    }

    @Test
    void aStudentSavedWithDl4jsLayersPredictsInPureJavaAsItsNetworkDoes() {
        StudentConfig config = config(3);
        MultiLayerNetwork legacy = pair(config, true)[1];
        StudentMetadata metadata = StudentMetadata.cnn("distilled", "classification", LABELS, config.dimension(),
                config.filters(), config.kernel(), config.maxTokens(), VOCABULARY, Map.of(), null, Map.of());
        StudentModel model = StudentModel.fromNetwork(legacy, metadata);
        for (TrainingExample example : EXAMPLES) {
            INDArray row = metadata.input().batch(List.of(example.segments())).features();
            assertArrayEquals(io.sparkdistill.math.Softmax.of(legacy.output(row).toFloatVector(), 1.0),
                    model.predict(example.segments()).probabilities(), 1e-5f, example.segments().toString());
        }
    }

    @Test
    void itsConfigurationSurvivesDl4jsJson() {
        StudentConfig config = config(5);
        MultiLayerConfiguration configuration = StudentNetwork.configuration(config, HYPER, 3, VOCABULARY.size());
        MultiLayerConfiguration restored = MultiLayerConfiguration.fromJson(configuration.toJson());
        assertEquals(configuration, restored);
        WordConvolution layer = (WordConvolution) restored.getConf(StudentNetwork.CNN_CONVOLUTION_LAYER).getLayer();
        assertEquals(VOCABULARY.size(), layer.getNIn());
        assertEquals(6, layer.getNOut());
        assertEquals(8, layer.getDimension());
        assertEquals(5, layer.getKernel());
    }

    @Test
    void aWordIdOutsideTheTableIsRefusedNamingIt() {
        MultiLayerNetwork network = StudentNetwork.create(config(3), HYPER, 3, VOCABULARY.size());
        INDArray ids = Nd4j.createFromArray(new float[][] {{1, 2, 3}, {1, VOCABULARY.size(), 0}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> network.output(ids));
        assertTrue(e.getMessage().contains("word id " + (float) VOCABULARY.size() + " of example 1"), e.getMessage());
    }
}
