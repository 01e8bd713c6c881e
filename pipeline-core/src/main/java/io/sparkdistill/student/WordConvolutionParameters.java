package io.sparkdistill.student;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The {@link WordConvolution}'s parameters as views of the network's flat parameters, all row-major: the word
 * table "W" {@code [words, dimension]} (a word's row is {@code dimension} consecutive floats, read whole), the
 * convolution "cW" {@code [kernel x dimension, filters]} (window offset, then embedding column, then filter: the
 * layout libnd4j's 1-d convolution keeps its weights in, so {@link ConvolutionForward} reads both alike) and the
 * bias "b" {@code [1, filters]}. Initialised as DL4J initialises the layers it replaces: the table as an
 * embedding (fan-in 1), the convolution with fan-in {@code kernel x dimension} and fan-out {@code kernel x filters},
 * the bias at the layer's bias value.
 */
final class WordConvolutionParameters implements ParamInitializer {
    static final String WORDS = "W";
    static final String WEIGHTS = "cW";
    static final String BIAS = "b";
    static final WordConvolutionParameters INSTANCE = new WordConvolutionParameters();

    private WordConvolutionParameters() {
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        WordConvolution c = (WordConvolution) layer;
        return c.getNIn() * c.getDimension() + (long) c.getKernel() * c.getDimension() * c.getNOut() + c.getNOut();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return List.of(WORDS, WEIGHTS, BIAS);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(WORDS, WEIGHTS);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of(BIAS);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return WORDS.equals(key) || WEIGHTS.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray parametersView,
                                      boolean initializeParameters) {
        WordConvolution c = (WordConvolution) conf.getLayer();
        if (parametersView.length() != numParams(c)) {
            throw new IllegalStateException("a word convolution of " + c.getNIn() + " words x " + c.getDimension()
                    + " and " + c.getNOut() + " filters of " + c.getKernel() + " needs " + numParams(c)
                    + " parameters, got a view of " + parametersView.length());
        }
        Map<String, INDArray> parameters = views(c, parametersView);
        if (initializeParameters) {
            INDArray words = parameters.get(WORDS);
            words.assign(c.getWeightInitFn().init(1, c.getDimension(), words.shape(), 'c',
                    Nd4j.createUninitialized(words.dataType(), words.length())));
            INDArray weights = parameters.get(WEIGHTS);
            weights.assign(c.getWeightInitFn().init((double) c.getKernel() * c.getDimension(),
                    (double) c.getKernel() * c.getNOut(), weights.shape(), 'c',
                    Nd4j.createUninitialized(weights.dataType(), weights.length())));
            parameters.get(BIAS).assign(c.getBiasInit());
        }
        parameters.keySet().forEach(conf::addVariable);
        return parameters;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views((WordConvolution) conf.getLayer(), gradientView);
    }

    /** The flat array cut into the three parameters, sharing its memory. */
    private static Map<String, INDArray> views(WordConvolution c, INDArray flat) {
        long words = c.getNIn() * c.getDimension();
        long weights = words + (long) c.getKernel() * c.getDimension() * c.getNOut();
        INDArray row = flat.reshape('c', new long[] {flat.length()});
        Map<String, INDArray> views = new LinkedHashMap<>();
        views.put(WORDS, row.get(NDArrayIndex.interval(0, words)).reshape('c', new long[] {c.getNIn(), c.getDimension()}));
        views.put(WEIGHTS, row.get(NDArrayIndex.interval(words, weights))
                .reshape('c', new long[] {(long) c.getKernel() * c.getDimension(), c.getNOut()}));
        views.put(BIAS, row.get(NDArrayIndex.interval(weights, weights + c.getNOut())).reshape('c', new long[] {1, c.getNOut()}));
        return views;
    }
}
