package io.sparkdistill.student;

import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.StudentConfig;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The cnn student as it was before the {@link WordConvolution}, kept to prove the fused layer the same function and
 * the student.zip files of that time loadable: DL4J's embedding sequence, 1-d convolution ("same", ReLU), global max
 * pooling and the output layer (with the same dropout, or none).
 */
final class Dl4jConvolutionStudent {
    static final int CONVOLUTION_LAYER = 1;
    static final int OUTPUT_LAYER = 3;

    private Dl4jConvolutionStudent() {
    }

    static MultiLayerNetwork create(StudentConfig student, Hyperparameters hyper, int numLabels, int words,
                                    boolean dropout) {
        OutputLayer.Builder output = new OutputLayer.Builder(new DistillationLoss(hyper.alpha(), hyper.temperature(),
                null)).nIn(student.filters()).nOut(numLabels).activation(Activation.IDENTITY);
        if (dropout) {
            output.dropOut(1 - StudentNetwork.CNN_DROPOUT);
        }
        MultiLayerNetwork network = new MultiLayerNetwork(StudentNetwork.layers(hyper)
                .layer(0, new EmbeddingSequenceLayer.Builder().nIn(words).nOut(student.dimension())
                        .inputLength(student.maxTokens()).hasBias(false).build())
                .layer(CONVOLUTION_LAYER, new Convolution1DLayer.Builder().kernelSize(student.kernel())
                        .convolutionMode(ConvolutionMode.Same).nIn(student.dimension()).nOut(student.filters())
                        .activation(Activation.RELU).build())
                .layer(2, new GlobalPoolingLayer.Builder(PoolingType.MAX).build())
                .layer(OUTPUT_LAYER, output.build())
                .build());
        network.init();
        return network;
    }

    /**
     * Copies the fused network's parameters into this layout: the word table, the convolution (its row-major buffer,
     * {@code [kernel, dimension, filters]}, is what DL4J's 1-d convolution reads from the buffer of the weights it
     * reports as {@code [filters, dimension, kernel, 1]}), the biases, the output layer.
     */
    static void copyFrom(MultiLayerNetwork fused, MultiLayerNetwork legacy) {
        legacy.getLayer(0).getParam("W").assign(fused.getLayer(StudentNetwork.EMBEDDING_LAYER).getParam("W"));
        INDArray weights = legacy.getLayer(CONVOLUTION_LAYER).getParam("W");
        float[] buffer = StudentForward.rowMajor(fused.getLayer(StudentNetwork.CNN_CONVOLUTION_LAYER).getParam("cW"));
        weights.assign(Nd4j.createFromArray(buffer).reshape('c', weights.shape()));
        legacy.getLayer(CONVOLUTION_LAYER).getParam("b").assign(
                fused.getLayer(StudentNetwork.CNN_CONVOLUTION_LAYER).getParam("b").reshape(
                        legacy.getLayer(CONVOLUTION_LAYER).getParam("b").shape()));
        legacy.getLayer(OUTPUT_LAYER).getParam("W").assign(
                fused.getLayer(StudentNetwork.CNN_OUTPUT_LAYER).getParam("W"));
        legacy.getLayer(OUTPUT_LAYER).getParam("b").assign(
                fused.getLayer(StudentNetwork.CNN_OUTPUT_LAYER).getParam("b"));
    }
}
