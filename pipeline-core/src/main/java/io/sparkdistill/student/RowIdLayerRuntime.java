package io.sparkdistill.student;

import java.util.Arrays;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link RowIdLayer} at work: what its two kinds share. Its input holds ids of rows of its table, checked here;
 * its features mask, if any, is its own to read (the layers after it see one vector per example, no mask); it is
 * first and nothing before it learns.
 */
abstract class RowIdLayerRuntime<C extends RowIdLayer> extends BaseLayer<C> {

    RowIdLayerRuntime(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /**
     * The input's ids, {@code [minibatch, columns]} row-major, each checked to name a row of the table.
     *
     * @param reader what reads them, for the message ("an embedding bag")
     * @param kind   what they are ids of, for the message ("bucket")
     */
    int[] rowIds(String reader, String kind) {
        if (input.rank() != 2) {
            throw new IllegalArgumentException(reader + " reads [minibatch, columns] " + kind + " ids, got "
                    + Arrays.toString(input.shape()));
        }
        int width = Math.toIntExact(input.size(1));
        float[] values = NativeFloats.copy(input);
        int[] ids = new int[values.length];
        long rows = layerConf().getNIn();
        for (int c = 0; c < values.length; c++) {
            ids[c] = (int) values[c];
            if (ids[c] != values[c] || ids[c] < 0 || ids[c] >= rows) {
                throw new IllegalArgumentException(kind + " id " + values[c] + " of example " + c / width
                        + " is not a row of the table (0 to " + (rows - 1) + ")");
            }
        }
        return ids;
    }

    /** The mask is this layer's to read: the layers after it see one vector per example. */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        this.maskArray = maskArray;
        return null;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public Type type() {
        return Type.FEED_FORWARD;
    }
}
