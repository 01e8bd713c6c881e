package io.sparkdistill.student.generative;

import io.sparkdistill.config.GenerativeStudentConfig;
import io.sparkdistill.config.Hyperparameters;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;

/**
 * The generative student as a DL4J network: token embedding, stacked LSTMs, and a softmax over the vocabulary at
 * every step, trained with cross-entropy on the next token of the answer (sequence-level distillation: the teacher's
 * answers are the targets). A {@code ComputationGraph} with one input and one output, as every text-task family's
 * network is, so that the train stage fits it with dl4j-spark's {@code fitMultiDataSet}. Every recurrent layer is
 * explicitly [batch, features, time] (NCW): without an input type DL4J would not know.
 */
public final class GenerativeNetwork {
    public static final String INPUT = "tokens";
    public static final String EMBEDDING = "embedding";
    public static final String OUTPUT = "next_token";
    /** The embedding layer's weights, {@code [vocabulary, embedding]}, in the graph's parameter table. */
    public static final String EMBEDDING_WEIGHTS = EMBEDDING + "_W";
    /** Gradients are clipped per element, as usual for LSTMs whose gradients can explode on long sequences. */
    private static final double GRADIENT_CLIP = 1.0;

    private GenerativeNetwork() {
    }

    /** The names of the LSTM layers, bottom first: the only layers with a recurrent state. */
    public static List<String> lstmLayers(int layers) {
        List<String> names = new ArrayList<>(layers);
        for (int i = 0; i < layers; i++) {
            names.add("lstm" + i);
        }
        return names;
    }

    public static ComputationGraphConfiguration configuration(GenerativeStudentConfig settings, Hyperparameters hyper,
                                                              int vocabularySize) {
        ComputationGraphConfiguration.GraphBuilder graph = new NeuralNetConfiguration.Builder()
                .seed(hyper.seed())
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(hyper.learningRate()))
                .gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
                .gradientNormalizationThreshold(GRADIENT_CLIP)
                .graphBuilder()
                .addInputs(INPUT)
                .addLayer(EMBEDDING, new EmbeddingSequenceLayer.Builder()
                        .nIn(vocabularySize)
                        .nOut(settings.embedding())
                        .build(), INPUT);
        String below = EMBEDDING;
        for (String lstm : lstmLayers(settings.layers())) {
            graph.addLayer(lstm, new LSTM.Builder()
                    .nIn(below.equals(EMBEDDING) ? settings.embedding() : settings.hidden())
                    .nOut(settings.hidden())
                    .activation(Activation.TANH)
                    .dataFormat(RNNFormat.NCW)
                    .build(), below);
            below = lstm;
        }
        return graph.addLayer(OUTPUT, new RnnOutputLayer.Builder(LossFunctions.LossFunction.SPARSE_MCXENT)
                        .nIn(settings.hidden())
                        .nOut(vocabularySize)
                        .activation(Activation.SOFTMAX)
                        .dataFormat(RNNFormat.NCW)
                        .build(), below)
                .setOutputs(OUTPUT)
                .build();
    }

    /** A freshly initialised network. */
    public static ComputationGraph create(GenerativeStudentConfig settings, Hyperparameters hyper,
                                          int vocabularySize) {
        ComputationGraph network = new ComputationGraph(configuration(settings, hyper, vocabularySize));
        network.init();
        return network;
    }
}
