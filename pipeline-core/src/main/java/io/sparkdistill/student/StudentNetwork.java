package io.sparkdistill.student;

import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.StudentConfig;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The student as a DL4J network, so that the same configuration trains locally and on Spark. Three architectures:
 *
 * <p><b>fasttext</b>: layer 0 is the hashed buckets' embedding table, fed the ids of an example's firing buckets
 * and their weights as the mask ({@link HashingFeaturizer#batch}), giving the weighted sum of their rows, the
 * average of the bag of n-grams ({@link EmbeddingBag}); layer 1 is a linear layer to one logit per label. Students
 * saved before it have the same parameters in other layers: a bias-free dense layer fed the whole bucket vector,
 * or DL4J's embedding sequence and a summing pooling layer, then the output layer; {@link BagOfNgramsForward}
 * reads all three.
 *
 * <p><b>cnn</b> (Kim 2014, one window width): layer 0 ({@link WordConvolution}) looks up each word id of
 * {@link WordSequencer}'s row in the word embedding table, convolves windows of {@code kernel} words ("same"
 * padding) and keeps each filter's ReLU'd maximum over the text; layer 1 is a linear layer to one logit per label,
 * with dropout in front of it because the hard cases have a few hundred examples per label. Students saved before
 * it have the same parameters in DL4J's embedding sequence, 1-d convolution and global max pooling layers, then the
 * output layer; {@link ConvolutionForward} reads both.
 *
 * <p><b>bilstm</b>: layer 0 is the cnn's word embedding table; layer 1 two LSTMs of {@code dimension} units, one
 * reading the words forwards and one backwards, their outputs side by side; layer 2 takes each unit's maximum over
 * the {@code max_tokens} positions (the padding after the words included, as the cnn reads it: DL4J 1.0.0-M2's
 * bidirectional wrapper did not apply a features mask consistently to its backward LSTM); layer 3 the cnn's output
 * layer with its dropout.
 *
 * <p>In all three the output layer is scored by {@link DistillationLoss} (which applies the softmax itself, hence the
 * IDENTITY activation). {@link StudentModel} relies on exactly these shapes to predict without DL4J.
 */
public final class StudentNetwork {

    /** Index of the layer holding the embedding table (parameter "W"), in every architecture. */
    public static final int EMBEDDING_LAYER = 0;
    /** Index of the fastText output layer (parameters "W" and "b"). */
    public static final int OUTPUT_LAYER = 1;
    /** Index of the cnn's {@link WordConvolution} (parameters "W" its word table, "cW" and "b" its convolution). */
    public static final int CNN_CONVOLUTION_LAYER = 0;
    /** Index of the cnn's output layer (parameters "W" and "b"). */
    public static final int CNN_OUTPUT_LAYER = 1;
    /** Index of the bilstm's two LSTMs (parameters "fW", "fRW", "fb" forwards, "bW", "bRW", "bb" backwards). */
    public static final int BILSTM_LAYER = 1;
    /** Index of the bilstm's output layer (parameters "W" and "b"). */
    public static final int BILSTM_OUTPUT_LAYER = 3;
    /** Share of the pooled features dropped while training the cnn and the bilstm. */
    static final double CNN_DROPOUT = 0.5;

    private StudentNetwork() {
    }

    /**
     * The network's configuration: Adam at the learning rate (or its schedule, {@link ScheduledLearningRate}), Xavier
     * initialisation from the seed.
     *
     * @param inputRows fasttext: ignored (the buckets are in {@code student}); cnn, bilstm: rows of the word
     *                  embedding table, {@link WordVocabulary#size()}
     */
    public static MultiLayerConfiguration configuration(StudentConfig student, Hyperparameters hyper,
                                                        int numLabels, int inputRows) {
        return configuration(student, hyper, numLabels, inputRows, null);
    }

    /**
     * As {@link #configuration(StudentConfig, Hyperparameters, int, int)}, the loss weighing the classes.
     *
     * @param classWeights one weight per label for {@link DistillationLoss}, or null for none ({@link ClassWeights})
     */
    public static MultiLayerConfiguration configuration(StudentConfig student, Hyperparameters hyper,
                                                        int numLabels, int inputRows, double[] classWeights) {
        if (numLabels < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 labels, got " + numLabels);
        }
        NeuralNetConfiguration.ListBuilder layers = layers(hyper);
        OutputLayer.Builder output = new OutputLayer.Builder(new DistillationLoss(hyper.alpha(), hyper.temperature(),
                classWeights))
                .nOut(numLabels)
                .activation(Activation.IDENTITY);
        if (!student.readsWords()) {
            return layers
                    .layer(EMBEDDING_LAYER, new EmbeddingBag.Builder()
                            .nIn(student.buckets())
                            .nOut(student.dimension())
                            .build())
                    .layer(OUTPUT_LAYER, output.nIn(student.dimension()).build())
                    .build();
        }
        if (student.isCnn()) {
            return layers
                    .layer(CNN_CONVOLUTION_LAYER, new WordConvolution.Builder()
                            .dimension(student.dimension())
                            .kernel(student.kernel())
                            .nIn(inputRows)
                            .nOut(student.filters())
                            .build())
                    // DL4J's dropOut takes the share kept
                    .layer(CNN_OUTPUT_LAYER, output.nIn(student.filters()).dropOut(1 - CNN_DROPOUT).build())
                    .build();
        }
        EmbeddingSequenceLayer words = new EmbeddingSequenceLayer.Builder()
                .nIn(inputRows)
                .nOut(student.dimension())
                .inputLength(student.maxTokens())
                .hasBias(false)
                .build();
        return layers
                .layer(EMBEDDING_LAYER, words)
                .layer(BILSTM_LAYER, new Bidirectional(Bidirectional.Mode.CONCAT, new LSTM.Builder()
                        .nIn(student.dimension())
                        .nOut(student.dimension())
                        .activation(Activation.TANH)
                        .gateActivationFunction(Activation.SIGMOID)
                        .build()))
                .layer(2, new GlobalPoolingLayer.Builder(PoolingType.MAX).build())
                .layer(BILSTM_OUTPUT_LAYER, output.nIn(2 * student.dimension()).dropOut(1 - CNN_DROPOUT).build())
                .build();
    }

    /**
     * What every label student's network starts from: float32, Xavier initialisation from the seed, Adam at the
     * learning rate (or its schedule). Package-private for the tests' networks built from DL4J's own layers, which
     * must start from the same settings to be compared.
     */
    static NeuralNetConfiguration.ListBuilder layers(Hyperparameters hyper) {
        return new NeuralNetConfiguration.Builder()
                .seed(hyper.seed())
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(ScheduledLearningRate.adam(hyper))
                .list();
    }

    /** A freshly initialised network with that configuration. */
    public static MultiLayerNetwork create(StudentConfig student, Hyperparameters hyper, int numLabels,
                                           int inputRows) {
        return create(student, hyper, numLabels, inputRows, null);
    }

    /** A freshly initialised network whose loss weighs the classes by {@code classWeights} (null: not at all). */
    public static MultiLayerNetwork create(StudentConfig student, Hyperparameters hyper, int numLabels,
                                           int inputRows, double[] classWeights) {
        MultiLayerNetwork network = new MultiLayerNetwork(configuration(student, hyper, numLabels, inputRows,
                classWeights));
        network.init();
        return network;
    }

    /** A fastText network (its input size is in {@code student}). */
    public static MultiLayerNetwork create(StudentConfig student, Hyperparameters hyper, int numLabels) {
        if (student.readsWords()) {
            throw new IllegalArgumentException("a " + student.architecture() + " student needs its vocabulary size: "
                    + "use create(..., inputRows)");
        }
        return create(student, hyper, numLabels, student.buckets());
    }
}
