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
 * The {@link EmbeddingBag} at work. Forwards, each example's output is the sum over its columns of the mask's
 * weight times the table row its id names, {@code [minibatch, nOut]}; backwards, each firing row's gradient gets
 * the weight times the example's epsilon, and no other row is visited (the rest of the gradient is zero). Plain
 * loops over whole rows: a step is a few hundred row reads and writes per example, far less than DL4J's sequence
 * layers spend building and masking their {@code [minibatch x nOut x positions]} arrays.
 *
 * <p>It is the network's first layer and linear (no activation, no bias); its epsilon backwards is null, as nothing
 * before it learns. Without a mask every column weighs 1.
 */
final class EmbeddingBagLayer extends RowIdLayerRuntime<EmbeddingBag> {

    EmbeddingBagLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        Columns columns = columns();
        int width = dimension();
        NativeFloats table = NativeFloats.of(getParam(EmbeddingBagParameters.WEIGHTS));
        float[] sums = new float[columns.examples() * width];
        float[] row = new float[width];
        for (int i = 0; i < columns.examples(); i++) {
            int out = i * width;
            for (int k = 0; k < columns.width(); k++) {
                float weight = columns.weight(i, k);
                if (weight != 0) {
                    table.get(columns.row(i, k) * width, row);
                    for (int d = 0; d < width; d++) {
                        sums[out + d] += weight * row[d];
                    }
                }
            }
        }
        INDArray output = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                columns.examples(), width);
        NativeFloats.of(output).put(0, sums);
        return output;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        Columns columns = columns();
        int width = dimension();
        float[] errors = NativeFloats.copy(epsilon);
        INDArray gradient = gradientViews.get(EmbeddingBagParameters.WEIGHTS);
        gradient.assign(0);
        NativeFloats rows = NativeFloats.of(gradient);
        float[] row = new float[width];
        for (int i = 0; i < columns.examples(); i++) {
            int error = i * width;
            for (int k = 0; k < columns.width(); k++) {
                float weight = columns.weight(i, k);
                if (weight != 0) {
                    int at = columns.row(i, k) * width;
                    rows.get(at, row);
                    for (int d = 0; d < width; d++) {
                        row[d] += weight * errors[error + d];
                    }
                    rows.put(at, row);
                }
            }
        }
        Gradient result = new DefaultGradient();
        result.gradientForVariable().put(EmbeddingBagParameters.WEIGHTS, gradient);
        return new Pair<>(result, null);
    }

    @Override
    public boolean hasBias() {
        return false;
    }

    private int dimension() {
        return Math.toIntExact(layerConf().getNOut());
    }

    /** The input's ids and the mask's weights, checked against the table. */
    private Columns columns() {
        int[] rows = rowIds("an embedding bag", "bucket");
        if (maskArray != null && !Arrays.equals(maskArray.shape(), input.shape())) {
            throw new IllegalArgumentException("an embedding bag's mask holds one weight per id: shape "
                    + Arrays.toString(input.shape()) + ", got " + Arrays.toString(maskArray.shape()));
        }
        return new Columns(Math.toIntExact(input.size(0)), Math.toIntExact(input.size(1)), rows,
                maskArray == null ? null : NativeFloats.copy(maskArray));
    }

    /** One minibatch's bags: {@code width} columns per example, each a table row and its weight (null: all 1). */
    private record Columns(int examples, int width, int[] rows, float[] weights) {
        int row(int example, int column) {
            return rows[example * width + column];
        }

        float weight(int example, int column) {
            return weights == null ? 1f : weights[example * width + column];
        }
    }
}
