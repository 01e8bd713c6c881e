package io.sparkdistill.student.qa;

import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.student.text.TextExample;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The plain-Java forward pass answers from the same numbers as the DL4J graph it copies, and the graph reads a
 * passage padded in a minibatch as it reads it alone (what it learns in batches is what it answers with).
 */
class SpanScorerTest {
    private static final String LONG = "Kiri founded the Nova Mill in 1931, and it employs 54 people today in Porto.";
    private static final String SHORT = "The Nova Mill employs 54 people.";

    @Test
    void thePlainJavaForwardPassGivesTheGraphsOwnProbabilities() {
        for (int kernel : new int[]{3, 5}) {
            ExtractiveSizes sizes = new ExtractiveSizes(6, 8, kernel, 400, 5);
            ComputationGraph graph = perturbed(sizes);
            Random random = new Random(7);
            ReadingFeatures clean = inputs(sizes).features(TextTokens.of(LONG),
                    TextTokens.of("When was the Nova Mill founded?"));
            float[] context = clean.context().clone();
            for (int i = 0; i < context.length; i++) {
                context[i] += (float) random.nextGaussian() * 0.3f;
            }
            ReadingFeatures features = ReadingFeatures.ofArrays(clean.length(), context, clean.question());
            INDArray expected = alone(graph, sizes, features);
            float[][] actual = new SpanScorer(graph).probabilities(features);
            for (int k = 0; k < 2; k++) {
                for (int t = 0; t < features.length(); t++) {
                    assertEquals(expected.getFloat(0, k, t), actual[k][t], 1e-5,
                            "kernel " + kernel + " output " + k + " token " + t);
                }
            }
        }
    }

    @Test
    void aPassagePaddedInAMinibatchIsReadAsItIsAlone() {
        ExtractiveSizes sizes = new ExtractiveSizes(6, 8, 3, 400, 5);
        ComputationGraph graph = perturbed(sizes);
        ExtractiveInputs inputs = inputs(sizes);
        TextExample shortExample = TextExample.of(Map.of("context", SHORT, "question", "How many people?"), "54",
                List.of("54"));
        TextExample longExample = TextExample.of(Map.of("context", LONG, "question", "How many people?"), "54",
                List.of("54"));
        MultiDataSet batch = new ExtractiveBatches(inputs, List.of(longExample, shortExample).iterator(), 2).next();
        INDArray padded = graph.output(false, batch.getFeatures(), batch.getFeaturesMaskArrays(), null)[0];

        ReadingFeatures shortFeatures = inputs.features(TextTokens.of(SHORT), TextTokens.of("How many people?"));
        INDArray expected = alone(graph, sizes, shortFeatures);
        for (int k = 0; k < 2; k++) {
            for (int t = 0; t < shortFeatures.length(); t++) {
                assertEquals(expected.getFloat(0, k, t), padded.getFloat(1, k, t), 1e-5, "output " + k + " token " + t);
            }
        }
    }

    /** A new graph whose parameters are moved off their initial values, so that biases and padding matter. */
    private static ComputationGraph perturbed(ExtractiveSizes sizes) {
        ComputationGraph graph = ExtractiveNetwork.create(sizes,
                new Hyperparameters(0.01, 4, 1, null, null, 3L, null, null));
        graph.params().addi(Nd4j.rand(graph.params().dataType(), graph.params().shape()).subi(0.5).muli(0.1));
        return graph;
    }

    private static INDArray alone(ComputationGraph graph, ExtractiveSizes sizes, ReadingFeatures features) {
        int length = features.length();
        return graph.outputSingle(false,
                Nd4j.create(features.context(), new long[]{1, features.context().length / length, length}, 'c'),
                Nd4j.create(features.question(), new long[]{1, features.question().length}, 'c'),
                Nd4j.ones(graph.params().dataType(), 1, sizes.filters(), length));
    }

    private static ExtractiveInputs inputs(ExtractiveSizes sizes) {
        List<String> words = List.of("founded", "when", "was", "mill", "nova", "people", "how", "many");
        float[][] vectors = new float[words.size()][sizes.vectorWidth()];
        Random random = new Random(1);
        for (float[] vector : vectors) {
            for (int d = 0; d < vector.length; d++) {
                vector[d] = (float) random.nextGaussian();
            }
        }
        return new ExtractiveInputs(new ReadingVocabulary(words, vectors, new long[]{3, 9, 9, 2, 1, 4, 8, 8}, 10),
                sizes);
    }
}
