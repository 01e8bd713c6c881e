package io.sparkdistill.student;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The {@link WordConvolution} at work, on {@code [minibatch, positions]} word ids.
 *
 * <p>Forwards: each position's window of {@code kernel} embedding rows is laid side by side ("same" padding: rows
 * before the first position and past the last are zeros), the windows of the minibatch form one
 * {@code [windows, kernel x dimension]} matrix, and a single matrix product with the convolution's weights scores
 * every filter at every window. The windows are those of {@link WindowRows}: of the windows lying wholly in a text's
 * padding, which all score the same, only the first. Each filter keeps its maximum over the windows and which it
 * was; the output is ReLU of maximum plus bias.
 *
 * <p>Backwards: a filter whose output is positive passes its error to the one window it took its maximum from, so
 * the convolution's gradient is {@code minibatch x filters} window rows, and the words' gradient reaches only the
 * {@code kernel} words of those windows; the rest of the table's gradient is zero. The layer is first and nothing
 * before it learns, so its epsilon backwards is null.
 */
final class WordConvolutionLayer extends RowIdLayerRuntime<WordConvolution> {

    /** The last training forward pass, which the backward pass of the same input reuses (null after inference). */
    private Forward last;

    WordConvolutionLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        Forward forward = forward(workspaceMgr);
        // its windows are megabytes: kept only for the backward pass that follows a training forward pass
        last = training ? forward : null;
        int filters = filters();
        float[] out = new float[forward.examples * filters];
        for (int c = 0; c < out.length; c++) {
            out[c] = Math.max(forward.max[c], 0f);
        }
        INDArray output = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, forward.examples,
                filters);
        NativeFloats.of(output).put(0, out);
        return output;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        Forward f = last != null && last.input == input ? last : forward(workspaceMgr);
        int filters = filters();
        int dimension = layerConf().getDimension();
        int kernel = layerConf().getKernel();
        int window = kernel * dimension;
        int padLeft = (kernel - 1) / 2;
        float[] errors = NativeFloats.copy(epsilon);
        float[] weights = NativeFloats.copy(getParam(WordConvolutionParameters.WEIGHTS));
        // [filter][window column]: the loops below read and write one filter's window contiguously
        float[] byFilter = new float[filters * window];
        for (int q = 0; q < window; q++) {
            for (int c = 0; c < filters; c++) {
                byFilter[c * window + q] = weights[q * filters + c];
            }
        }
        float[] weightGradient = new float[filters * window];
        float[] biasGradient = new float[filters];
        float[] wordGradient = new float[f.examples * f.positions * dimension];
        boolean[] reached = new boolean[f.examples * f.positions];
        for (int i = 0; i < f.examples; i++) {
            for (int c = 0; c < filters; c++) {
                int at = i * filters + c;
                float error = f.max[at] > 0 ? errors[at] : 0f;
                if (error == 0f) {
                    continue;
                }
                int r = f.argmax[at];
                int t = f.rows.position(r);
                biasGradient[c] += error;
                int from = r * window;
                int filter = c * window;
                for (int q = 0; q < window; q++) {
                    weightGradient[filter + q] += error * f.windows[from + q];
                }
                for (int k = 0; k < kernel; k++) {
                    int j = t - padLeft + k;
                    if (j < 0 || j >= f.positions) {
                        continue;
                    }
                    int word = (i * f.positions + j) * dimension;
                    reached[i * f.positions + j] = true;
                    int w = filter + k * dimension;
                    for (int d = 0; d < dimension; d++) {
                        wordGradient[word + d] += error * byFilter[w + d];
                    }
                }
            }
        }
        float[] transposed = new float[window * filters];
        for (int c = 0; c < filters; c++) {
            for (int q = 0; q < window; q++) {
                transposed[q * filters + c] = weightGradient[c * window + q];
            }
        }
        INDArray weightView = gradientViews.get(WordConvolutionParameters.WEIGHTS);
        NativeFloats.of(weightView).put(0, transposed);
        INDArray biasView = gradientViews.get(WordConvolutionParameters.BIAS);
        NativeFloats.of(biasView).put(0, biasGradient);
        INDArray wordView = gradientViews.get(WordConvolutionParameters.WORDS);
        wordView.assign(0);
        NativeFloats rows = NativeFloats.of(wordView);
        float[] row = new float[dimension];
        for (int p = 0; p < reached.length; p++) {
            if (reached[p]) {
                int at = f.ids[p] * dimension;
                rows.get(at, row);
                for (int d = 0; d < dimension; d++) {
                    row[d] += wordGradient[p * dimension + d];
                }
                rows.put(at, row);
            }
        }
        Gradient result = new DefaultGradient();
        result.gradientForVariable().put(WordConvolutionParameters.WORDS, wordView);
        result.gradientForVariable().put(WordConvolutionParameters.WEIGHTS, weightView);
        result.gradientForVariable().put(WordConvolutionParameters.BIAS, biasView);
        return new Pair<>(result, null);
    }

    /** The windows, one matrix product, each filter's maximum plus bias and where it was. */
    private Forward forward(LayerWorkspaceMgr workspaceMgr) {
        // a features mask, if any, is not read: every position counts, the padding included, as the cnn always read
        int[] ids = rowIds("a word convolution", "word");
        int examples = Math.toIntExact(input.size(0));
        int positions = Math.toIntExact(input.size(1));
        int filters = filters();
        int dimension = layerConf().getDimension();
        int kernel = layerConf().getKernel();
        int window = kernel * dimension;
        int padLeft = (kernel - 1) / 2;
        WindowRows rows = WindowRows.of(ids, examples, positions, kernel);
        NativeFloats table = NativeFloats.of(getParam(WordConvolutionParameters.WORDS));
        float[] windows = new float[rows.count() * window];
        for (int i = 0; i < examples; i++) {
            for (int r = rows.first(i); r < rows.first(i + 1); r++) {
                int t = rows.position(r);
                for (int k = 0; k < kernel; k++) {
                    int j = t - padLeft + k;
                    if (j >= 0 && j < positions) {
                        table.get(ids[i * positions + j] * dimension, windows, (r * kernel + k) * dimension,
                                dimension);
                    }
                }
            }
        }
        INDArray windowMatrix = workspaceMgr.createUninitialized(ArrayType.FF_WORKING_MEM, DataType.FLOAT,
                rows.count(), window);
        NativeFloats.of(windowMatrix).put(0, windows);
        INDArray scoreMatrix = workspaceMgr.createUninitialized(ArrayType.FF_WORKING_MEM, DataType.FLOAT,
                rows.count(), filters);
        windowMatrix.mmuli(getParam(WordConvolutionParameters.WEIGHTS), scoreMatrix);
        float[] scores = NativeFloats.copy(scoreMatrix);
        float[] bias = NativeFloats.copy(getParam(WordConvolutionParameters.BIAS));
        float[] max = new float[examples * filters];
        int[] argmax = new int[examples * filters];
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < examples; i++) {
            int out = i * filters;
            // rows in position order, so that a tie goes to the first position, as over every position
            for (int r = rows.first(i); r < rows.first(i + 1); r++) {
                int row = r * filters;
                for (int c = 0; c < filters; c++) {
                    if (scores[row + c] > max[out + c]) {
                        max[out + c] = scores[row + c];
                        argmax[out + c] = r;
                    }
                }
            }
            for (int c = 0; c < filters; c++) {
                max[out + c] += bias[c];
            }
        }
        return new Forward(input, examples, positions, ids, rows, windows, max, argmax);
    }

    @Override
    public void clear() {
        super.clear();
        last = null;
    }

    @Override
    public boolean hasBias() {
        return true;
    }

    private int filters() {
        return Math.toIntExact(layerConf().getNOut());
    }

    /**
     * One forward pass: for each example and filter ({@code [example][filter]}), the maximum score plus bias and the
     * window row it was at; the windows scored, {@code [row][kernel offset][dimension]}, one row per position of
     * {@code rows}.
     */
    private record Forward(INDArray input, int examples, int positions, int[] ids, WindowRows rows, float[] windows,
                           float[] max, int[] argmax) {
    }
}
