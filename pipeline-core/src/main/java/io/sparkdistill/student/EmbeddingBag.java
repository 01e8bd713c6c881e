package io.sparkdistill.student;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

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
public class EmbeddingBag extends FeedForwardLayer {

    /** For Jackson, which DL4J reads configurations with. */
    public EmbeddingBag() {
    }

    private EmbeddingBag(Builder builder) {
        super(builder);
        initializeConstraints(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                             INDArray parametersView, boolean initializeParameters, DataType dataType) {
        EmbeddingBagLayer layer = new EmbeddingBagLayer(conf, dataType);
        layer.setListeners(listeners);
        layer.setIndex(index);
        layer.setParamsViewArray(parametersView);
        Map<String, INDArray> parameters = initializer().init(conf, parametersView, initializeParameters);
        layer.setParamTable(parameters);
        layer.setConf(conf);
        return layer;
    }

    @Override
    public ParamInitializer initializer() {
        return EmbeddingBagParameters.INSTANCE;
    }

    /** One vector of {@code nOut} per example, whatever the width of its ids. */
    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.feedForward(nOut);
    }

    /** Keeps {@code nIn}: it counts the table's rows, not the width of the ids the layer is fed. */
    @Override
    public void setNIn(InputType inputType, boolean override) {
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        long parameters = initializer().numParams(this);
        return new LayerMemoryReport.Builder(layerName, EmbeddingBag.class, inputType, getOutputType(-1, inputType))
                .standardMemory(parameters, getIUpdater().stateSize(parameters))
                .workingMemory(0, 0, 0, nOut)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
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
