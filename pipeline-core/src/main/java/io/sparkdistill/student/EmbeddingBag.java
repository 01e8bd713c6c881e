package io.sparkdistill.student;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The fastText student's first layer as DL4J configures it: a table of {@code nIn} bucket rows of {@code nOut}
 * values ("W", the shape of the dense layer and the embedding it replaces), fed each example's firing bucket ids as
 * features and their weights as the features mask, giving each example the weighted sum of its rows.
 *
 * <p>It exists because DL4J's own layers build that sum as an embedding sequence plus a masked sum-pooling, which
 * materialise a {@code [minibatch x nOut x positions]} array three times a step; the runtime layer
 * ({@link EmbeddingBagLayer}) visits only the firing rows, forwards and backwards. DL4J writes this configuration as
 * JSON into student.zip and dl4j-spark ships it to executors, hence the public no-argument constructor.
 */
public class EmbeddingBag extends RowIdLayer {

    /** For Jackson, which DL4J reads configurations with. */
    public EmbeddingBag() {
    }

    private EmbeddingBag(Builder builder) {
        super(builder);
    }

    @Override
    BaseLayer<?> runtime(NeuralNetConfiguration conf, DataType dataType) {
        return new EmbeddingBagLayer(conf, dataType);
    }

    @Override
    public ParamInitializer initializer() {
        return EmbeddingBagParameters.INSTANCE;
    }

    /** Builds the layer: {@code nIn} buckets, {@code nOut} values per bucket. */
    public static class Builder extends FeedForwardLayer.Builder<Builder> {
        /** The sum is linear; without this the network's default activation would be recorded, and ignored. */
        public Builder() {
            activation(Activation.IDENTITY);
        }

        @Override
        @SuppressWarnings("unchecked")
        public EmbeddingBag build() {
            return new EmbeddingBag(this);
        }
    }
}
