package io.sparkdistill.student;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The {@link EmbeddingBag}'s one parameter, "W" {@code [nIn, nOut]}, as a view of the network's flat parameters.
 *
 * <p>Row-major, unlike DL4J's dense and embedding layers: a bucket's row is then {@code nOut} consecutive floats,
 * which the layer reads and writes whole. Initialised as DL4J initialises an embedding table (fan-in 1, the values
 * drawn in DL4J's column-major order), so that a seed gives every bucket the row it had in the embedding layer
 * before.
 */
final class EmbeddingBagParameters implements ParamInitializer {
    static final String WEIGHTS = "W";
    static final EmbeddingBagParameters INSTANCE = new EmbeddingBagParameters();

    private EmbeddingBagParameters() {
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        EmbeddingBag bag = (EmbeddingBag) layer;
        return bag.getNIn() * bag.getNOut();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return List.of(WEIGHTS);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(WEIGHTS);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return WEIGHTS.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return false;
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray parametersView,
                                      boolean initializeParameters) {
        EmbeddingBag bag = (EmbeddingBag) conf.getLayer();
        if (parametersView.length() != numParams(bag)) {
            throw new IllegalStateException("an embedding bag of " + bag.getNIn() + " x " + bag.getNOut()
                    + " needs " + numParams(bag) + " parameters, got a view of " + parametersView.length());
        }
        INDArray weights = table(bag, parametersView);
        if (initializeParameters) {
            long[] shape = {bag.getNIn(), bag.getNOut()};
            INDArray drawn = Nd4j.createUninitialized(parametersView.dataType(), parametersView.length());
            weights.assign(bag.getWeightInitFn().init(1, bag.getNOut(), shape, IWeightInit.DEFAULT_WEIGHT_INIT_ORDER,
                    drawn));
        }
        conf.addVariable(WEIGHTS);
        Map<String, INDArray> parameters = new LinkedHashMap<>();
        parameters.put(WEIGHTS, weights);
        return parameters;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        Map<String, INDArray> gradients = new LinkedHashMap<>();
        gradients.put(WEIGHTS, table((EmbeddingBag) conf.getLayer(), gradientView));
        return gradients;
    }

    /** The flat view as the row-major table, sharing its memory. */
    private static INDArray table(EmbeddingBag bag, INDArray flat) {
        return flat.reshape('c', bag.getNIn(), bag.getNOut());
    }
}
