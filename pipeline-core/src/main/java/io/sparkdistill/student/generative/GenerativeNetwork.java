package io.sparkdistill.student.generative;

import io.sparkdistill.config.GenerativeStudentConfig;
import io.sparkdistill.config.Hyperparameters;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The generative student as a DL4J network: token embedding, stacked LSTMs, and a softmax over the vocabulary at
 * every step, trained with cross-entropy on the next token of the answer (sequence-level distillation: the teacher's
 * answers are the targets). A {@code MultiLayerNetwork}, so dl4j-spark's training masters train it as they train the
 * label student. Every recurrent layer is explicitly [batch, features, time] (NCW): without an input type DL4J
 * would not know.
 */
public final class GenerativeNetwork {
    /** Layer 0 is the embedding; the LSTMs are layers 1 to {@code layers}, the only ones with a recurrent state. */
    public static final int FIRST_LSTM_LAYER = 1;
    /** Gradients are clipped per element, as usual for LSTMs whose gradients can explode on long sequences. */
    private static final double GRADIENT_CLIP = 1.0;

    private GenerativeNetwork() {
    }

    public static MultiLayerConfiguration configuration(GenerativeStudentConfig settings, Hyperparameters hyper,
                                                        int vocabularySize) {
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(hyper.seed())
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(hyper.learningRate()))
                .gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
                .gradientNormalizationThreshold(GRADIENT_CLIP)
                .list()
                .layer(new EmbeddingSequenceLayer.Builder()
                        .nIn(vocabularySize)
                        .nOut(settings.embedding())
                        .build());
        for (int i = 0; i < settings.layers(); i++) {
            layers.layer(new LSTM.Builder()
                    .nIn(i == 0 ? settings.embedding() : settings.hidden())
                    .nOut(settings.hidden())
                    .activation(Activation.TANH)
                    .dataFormat(RNNFormat.NCW)
                    .build());
        }
        return layers.layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.SPARSE_MCXENT)
                        .nIn(settings.hidden())
                        .nOut(vocabularySize)
                        .activation(Activation.SOFTMAX)
                        .dataFormat(RNNFormat.NCW)
                        .build())
                .build();
    }

    /** A freshly initialised network. */
    public static MultiLayerNetwork create(GenerativeStudentConfig settings, Hyperparameters hyper,
                                           int vocabularySize) {
        MultiLayerNetwork network = new MultiLayerNetwork(configuration(settings, hyper, vocabularySize));
        network.init();
        return network;
    }
}
