package io.sparkdistill.student.program;

import io.sparkdistill.config.Hyperparameters;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The program student's network: one forward pass from a question to a distribution over program shapes, where
 * decoding the program token by token would cost one pass per token. DL4J trains it (locally or on Spark); answering
 * runs the same pass in plain Java ({@link ProgramForward}), which relies on exactly these layer names and shapes.
 *
 * <p>Input {@code ngrams} (the hashed bag of the marked question) goes through a bias-free linear layer, i.e. the
 * average of its buckets' embeddings, fastText-style; input {@code meaning} (mean teacher word vector and number
 * count) through a tanh layer. Both are joined, mixed by a ReLU layer, and a softmax gives one probability per shape,
 * trained by cross-entropy against the (possibly soft) shape targets.
 */
public final class ProgramNetwork {
    public static final String NGRAMS = "ngrams";
    public static final String MEANING = "meaning";
    static final String OUTPUT = "shape";

    private ProgramNetwork() {
    }

    public static ComputationGraph create(ProgramSpace space, Hyperparameters hyper) {
        int hidden = space.hidden();
        ComputationGraphConfiguration configuration = new NeuralNetConfiguration.Builder()
                .seed(hyper.seed())
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(hyper.learningRate()))
                .graphBuilder()
                .addInputs(NGRAMS, MEANING)
                .addLayer("bag", new DenseLayer.Builder().nIn(space.buckets()).nOut(hidden)
                        .activation(Activation.IDENTITY).hasBias(false).build(), NGRAMS)
                .addLayer("gist", new DenseLayer.Builder().nIn(QuestionReader.meaningWidth(space)).nOut(hidden)
                        .activation(Activation.TANH).build(), MEANING)
                .addVertex("joined", new MergeVertex(), "bag", "gist")
                .addLayer("mixed", new DenseLayer.Builder().nIn(2 * hidden).nOut(hidden)
                        .activation(Activation.RELU).build(), "joined")
                .addLayer(OUTPUT, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(hidden).nOut(space.shapes().size()).activation(Activation.SOFTMAX).build(), "mixed")
                .setOutputs(OUTPUT)
                .build();
        ComputationGraph network = new ComputationGraph(configuration);
        network.init();
        return network;
    }
}
