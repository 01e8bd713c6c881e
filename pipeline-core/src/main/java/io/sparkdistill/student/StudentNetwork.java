package io.sparkdistill.student;

import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.StudentConfig;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The fastText-like student as a DL4J network, so that the same configuration trains locally and on Spark.
 *
 * <p>Layer 0 is a bias-free linear layer from the hashed buckets to the embedding: fed the normalised bag of
 * n-grams from {@link HashingFeaturizer}, it computes the average of the firing buckets' embedding rows. Layer 1 is
 * a linear layer to one logit per label, scored by {@link DistillationLoss} (which applies the softmax itself, hence
 * the IDENTITY activation). {@link StudentModel} relies on exactly this shape to predict without DL4J.
 */
public final class StudentNetwork {

    /** Index of the embedding layer (parameter "W" only). */
    public static final int EMBEDDING_LAYER = 0;
    /** Index of the output layer (parameters "W" and "b"). */
    public static final int OUTPUT_LAYER = 1;

    private StudentNetwork() {
    }

    /** The network's configuration: Adam at the learning rate, Xavier initialisation from the seed. */
    public static MultiLayerConfiguration configuration(StudentConfig student, Hyperparameters hyper,
                                                        int numLabels) {
        if (numLabels < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 labels, got " + numLabels);
        }
        return new NeuralNetConfiguration.Builder()
                .seed(hyper.seed())
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(hyper.learningRate()))
                .list()
                .layer(EMBEDDING_LAYER, new DenseLayer.Builder()
                        .nIn(student.buckets())
                        .nOut(student.dimension())
                        .activation(Activation.IDENTITY)
                        .hasBias(false)
                        .build())
                .layer(OUTPUT_LAYER, new OutputLayer.Builder(new DistillationLoss(hyper.alpha(), hyper.temperature()))
                        .nIn(student.dimension())
                        .nOut(numLabels)
                        .activation(Activation.IDENTITY)
                        .build())
                .build();
    }

    /** A freshly initialised network with that configuration. */
    public static MultiLayerNetwork create(StudentConfig student, Hyperparameters hyper, int numLabels) {
        MultiLayerNetwork network = new MultiLayerNetwork(configuration(student, hyper, numLabels));
        network.init();
        return network;
    }
}
