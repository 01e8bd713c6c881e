package io.sparkdistill.student;

import java.util.Objects;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The cnn student's first layer as DL4J configures it: word ids in, each filter's ReLU'd maximum over the text out.
 * It holds the word embedding table ("W", {@code [nIn words, dimension]}), the convolution over windows of
 * {@code kernel} words ("cW", {@code [kernel x dimension, nOut filters]}, "same" padding) and its bias ("b").
 *
 * <p>It replaces DL4J's embedding sequence, 1-d convolution and global max pooling, which compute the same function
 * but materialise {@code [minibatch x dimension x positions]} arrays several times a step and run the convolution's
 * backward pass densely over every position, although max pooling passes a gradient to one position per filter and
 * example. The runtime layer ({@link WordConvolutionLayer}) does the forward pass as one matrix product and the
 * backward pass only at those positions. DL4J writes this configuration as JSON into student.zip and dl4j-spark ships
 * it to executors, hence the public no-argument constructor and the plain fields.
 */
public class WordConvolution extends RowIdLayer {
    private int dimension;
    private int kernel;

    /** For Jackson, which DL4J reads configurations with. */
    public WordConvolution() {
    }

    private WordConvolution(Builder builder) {
        super(builder);
        this.dimension = builder.dimension;
        this.kernel = builder.kernel;
    }

    /** Width of a word's embedding row. */
    public int getDimension() {
        return dimension;
    }

    /** Words per convolution window. */
    public int getKernel() {
        return kernel;
    }

    @Override
    BaseLayer<?> runtime(NeuralNetConfiguration conf, DataType dataType) {
        return new WordConvolutionLayer(conf, dataType);
    }

    @Override
    public ParamInitializer initializer() {
        return WordConvolutionParameters.INSTANCE;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && o instanceof WordConvolution other && dimension == other.dimension
                && kernel == other.kernel;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), dimension, kernel);
    }

    /** Builds the layer: {@code nIn} words of {@code dimension} values, {@code nOut} filters of {@code kernel} words. */
    public static class Builder extends FeedForwardLayer.Builder<Builder> {
        private int dimension;
        private int kernel;

        /** The layer's output is ReLU(max), as the pooled convolution it replaces; recorded, not configurable. */
        public Builder() {
            activation(Activation.RELU);
        }

        public Builder dimension(int dimension) {
            this.dimension = dimension;
            return this;
        }

        public Builder kernel(int kernel) {
            this.kernel = kernel;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public WordConvolution build() {
            if (dimension < 1 || kernel < 1) {
                throw new IllegalArgumentException("a word convolution needs a dimension and a kernel of at least 1, "
                        + "got " + dimension + " and " + kernel);
            }
            return new WordConvolution(this);
        }
    }
}
