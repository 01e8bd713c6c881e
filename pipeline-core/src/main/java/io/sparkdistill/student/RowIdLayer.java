package io.sparkdistill.student;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A first layer, as DL4J configures it, that is fed the ids of rows of its own table ({@code nIn} rows) and gives one
 * vector of {@code nOut} per example: the {@link EmbeddingBag} and the {@link WordConvolution}. What DL4J asks of
 * such a layer beyond its parameters and its runtime layer is the same for both: its output type whatever the width
 * of the ids, {@code nIn} kept as the table's size, no preprocessor, a memory report of its parameters.
 */
public abstract class RowIdLayer extends FeedForwardLayer {

    /** For Jackson, which DL4J reads configurations with. */
    protected RowIdLayer() {
    }

    protected RowIdLayer(FeedForwardLayer.Builder<?> builder) {
        super(builder);
        initializeConstraints(builder);
    }

    /** The layer that runs this configuration. */
    abstract BaseLayer<?> runtime(NeuralNetConfiguration conf, DataType dataType);

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                             INDArray parametersView, boolean initializeParameters, DataType dataType) {
        BaseLayer<?> layer = runtime(conf, dataType);
        layer.setListeners(listeners);
        layer.setIndex(index);
        layer.setParamsViewArray(parametersView);
        Map<String, INDArray> parameters = initializer().init(conf, parametersView, initializeParameters);
        layer.setParamTable(parameters);
        layer.setConf(conf);
        return layer;
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
        return new LayerMemoryReport.Builder(layerName, getClass(), inputType, getOutputType(-1, inputType))
                .standardMemory(parameters, getIUpdater().stateSize(parameters))
                .workingMemory(0, 0, 0, nOut)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }
}
