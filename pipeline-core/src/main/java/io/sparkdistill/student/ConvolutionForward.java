package io.sparkdistill.student;

import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The cnn student's forward pass: word ids, a convolution over windows of {@code kernel} words ("same" padding),
 * each filter's maximum over the text, ReLU, the output layer. It reads the network as {@link StudentNetwork} builds
 * it ({@link WordConvolution}, output) and as it was built before (DL4J's embedding sequence, 1-d convolution, global
 * max pooling, output), whose parameters are the same.
 *
 * <p>A convolution over embedded words is linear in each word's embedding, so at load time the embedding table is
 * folded into the convolution: {@code folded[word][k]} is that word's contribution to every filter when it sits at
 * offset {@code k} of a window. A window then costs {@code kernel} table rows added together instead of
 * {@code kernel x dimension x filters} multiplications, which is what keeps this student within tens of
 * microseconds per example, like the fastText one. The price is memory: {@code words x kernel x filters} floats.
 *
 * <p>Windows past the last word see only padding rows (and the zero padding past the sequence's end), so their
 * values depend only on their position; their running maximum from each position to the end is computed once here.
 */
final class ConvolutionForward implements StudentForward {
    private static final long serialVersionUID = 1L;
    /** Where students saved before {@link WordConvolution} keep their convolution and output layers. */
    private static final int DL4J_CONVOLUTION_LAYER = 1;
    private static final int DL4J_OUTPUT_LAYER = 3;

    private final WordSequencer sequencer;
    private final int kernel;
    private final int filters;
    private final int numLabels;
    private final int maxTokens;
    private final int padLeft;
    private final long parameterCount;
    /** Row-major [word][offset in window][filter]. */
    private final float[] folded;
    private final float[] convolutionBias;
    /** Row-major [first position][filter]: max over positions from there to the end of windows of padding only. */
    private final float[] paddingMax;
    /** Output weights, row-major [filters][numLabels]. */
    private final float[] outputWeights;
    private final float[] outputBias;

    ConvolutionForward(MultiLayerNetwork network, StudentMetadata metadata) {
        this.sequencer = (WordSequencer) metadata.input();
        int words = sequencer.vocabulary().size();
        int dimension = metadata.dimension();
        this.kernel = metadata.kernel();
        this.filters = metadata.filters();
        this.numLabels = metadata.labels().size();
        this.maxTokens = metadata.maxTokens();
        this.padLeft = (kernel - 1) / 2;
        int convolutionLayer;
        int outputLayer;
        INDArray convolution;
        if (network.getnLayers() == 2) {
            convolutionLayer = StudentNetwork.CNN_CONVOLUTION_LAYER;
            outputLayer = StudentNetwork.CNN_OUTPUT_LAYER;
            convolution = StudentForward.parameter(network.getLayer(convolutionLayer), WordConvolutionParameters.WEIGHTS,
                    (long) kernel * dimension, filters);
        } else if (network.getnLayers() == 4) {
            convolutionLayer = DL4J_CONVOLUTION_LAYER;
            outputLayer = DL4J_OUTPUT_LAYER;
            // DL4J M2 reports the weights as [filters, dimension, kernel, 1], but its 1-d convolution reads their
            // buffer as [kernel, dimension, filters] (libnd4j's conv1d weight layout); the test against output() pins
            // this down
            convolution = StudentForward.parameter(network.getLayer(convolutionLayer), "W", filters, dimension, kernel,
                    1);
        } else {
            throw new IllegalArgumentException("a cnn student network has 2 layers (word convolution, output) or, "
                    + "saved before it, 4 (embedding, convolution, pooling, output), got " + network.getnLayers());
        }
        float[] embedding = StudentForward.rowMajor(StudentForward.parameter(
                network.getLayer(StudentNetwork.EMBEDDING_LAYER), "W", words, dimension));
        float[] w = StudentForward.rowMajor(convolution);
        this.convolutionBias = StudentForward.rowMajor(StudentForward.bias(network.getLayer(convolutionLayer), "b",
                filters));
        this.outputWeights = StudentForward.rowMajor(StudentForward.parameter(network.getLayer(outputLayer), "W",
                filters, numLabels));
        this.outputBias = StudentForward.rowMajor(StudentForward.bias(network.getLayer(outputLayer), "b", numLabels));
        this.parameterCount = embedding.length + w.length + convolutionBias.length + outputWeights.length
                + outputBias.length;
        this.folded = fold(embedding, w, words, dimension);
        this.paddingMax = paddingMaxima();
    }

    private float[] fold(float[] embedding, float[] w, int words, int dimension) {
        float[] table = new float[words * kernel * filters];
        for (int word = 0; word < words; word++) {
            int e = word * dimension;
            for (int k = 0; k < kernel; k++) {
                int out = (word * kernel + k) * filters;
                for (int d = 0; d < dimension; d++) {
                    float x = embedding[e + d];
                    int wd = (k * dimension + d) * filters;
                    for (int f = 0; f < filters; f++) {
                        table[out + f] += x * w[wd + f];
                    }
                }
            }
        }
        return table;
    }

    private float[] paddingMaxima() {
        float[] max = new float[(maxTokens + 1) * filters];
        Arrays.fill(max, maxTokens * filters, max.length, Float.NEGATIVE_INFINITY);
        for (int t = maxTokens - 1; t >= 0; t--) {
            float[] window = convolutionBias.clone();
            for (int k = 0; k < kernel; k++) {
                int j = t - padLeft + k;
                if (j >= 0 && j < maxTokens) {
                    add(window, WordVocabulary.PADDING, k);
                }
            }
            for (int f = 0; f < filters; f++) {
                max[t * filters + f] = Math.max(window[f], max[(t + 1) * filters + f]);
            }
        }
        return max;
    }

    private void add(float[] window, int word, int k) {
        int row = (word * kernel + k) * filters;
        for (int f = 0; f < filters; f++) {
            window[f] += folded[row + f];
        }
    }

    @Override
    public float[] logits(List<String> segments) {
        int[] ids = sequencer.ids(segments);
        int n = ids.length;
        float[] pooled = new float[filters];
        int firstPaddingOnly = Math.min(n + padLeft, maxTokens);
        System.arraycopy(paddingMax, firstPaddingOnly * filters, pooled, 0, filters);
        float[] window = new float[filters];
        for (int t = 0; t < firstPaddingOnly; t++) {
            System.arraycopy(convolutionBias, 0, window, 0, filters);
            for (int k = 0; k < kernel; k++) {
                int j = t - padLeft + k;
                if (j >= 0 && j < maxTokens) {
                    add(window, j < n ? ids[j] : WordVocabulary.PADDING, k);
                }
            }
            for (int f = 0; f < filters; f++) {
                pooled[f] = Math.max(pooled[f], window[f]);
            }
        }
        float[] logits = outputBias.clone();
        for (int f = 0; f < filters; f++) {
            // max then ReLU equals ReLU then max, as the network computes it
            float h = Math.max(pooled[f], 0f);
            if (h == 0f) {
                continue;
            }
            int row = f * numLabels;
            for (int c = 0; c < numLabels; c++) {
                logits[c] += h * outputWeights[row + c];
            }
        }
        return logits;
    }

    /** words x dimension + filters x dimension x kernel + filters + filters x labels + labels. */
    @Override
    public long parameterCount() {
        return parameterCount;
    }
}
