package io.sparkdistill.student;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A student's forward pass in plain Java over weights copied out of its DL4J network: what {@link StudentModel}
 * predicts with, one implementation per architecture. Immutable, so one instance serves every thread.
 */
interface StudentForward extends Serializable {

    /** The logits for one example's input texts: what the DL4J network computes before the loss. */
    float[] logits(List<String> segments);

    /** Trainable parameters of the network these weights came from. */
    long parameterCount();

    /** A parameter of a layer, checked against the shape the metadata implies. */
    static INDArray parameter(Layer layer, String name, long... shape) {
        INDArray param = layer.getParam(name);
        if (param == null || !Arrays.equals(param.shape(), shape)) {
            throw new IllegalArgumentException("layer " + layer.getIndex() + " parameter '" + name
                    + "' should be " + Arrays.toString(shape) + " as the metadata says, got "
                    + (param == null ? "none" : Arrays.toString(param.shape())));
        }
        return param;
    }

    /**
     * A layer's bias vector of the given width. DL4J 1.0.0-M2 keeps biases as a row [1, width] and 1.0.0-M2.1 (the
     * GPU profile's version) as a vector [width]; the values are the same, so either is accepted.
     */
    static INDArray bias(Layer layer, String name, long width) {
        INDArray param = layer.getParam(name);
        boolean row = param != null && param.rank() == 2 && param.size(0) == 1 && param.size(1) == width;
        boolean vector = param != null && param.rank() == 1 && param.size(0) == width;
        if (!row && !vector) {
            throw new IllegalArgumentException("layer " + layer.getIndex() + " parameter '" + name
                    + "' should be a bias of " + width + " values ([" + width + "] or [1, " + width
                    + "]) as the metadata says, got " + (param == null ? "none" : Arrays.toString(param.shape())));
        }
        return param;
    }

    /** Copies an array into a row-major float[], whatever its ordering ('f' or 'c') in DL4J's buffer. */
    static float[] rowMajor(INDArray array) {
        return array.dup('c').castTo(DataType.FLOAT).data().asFloat();
    }
}
