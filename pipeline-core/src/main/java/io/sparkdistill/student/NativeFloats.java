package io.sparkdistill.student;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A row-major float array's elements where ND4J keeps them, read and written in bulk without a copy of the whole
 * buffer: the {@link EmbeddingBagLayer} touches a few hundred rows of a million-float table a step, and a copy of
 * the table (or an ND4J op per row) would cost more than the arithmetic.
 *
 * @param buffer the array's whole native buffer, which may hold other arrays' elements before {@code base}
 * @param base   where the array's first element is in {@code buffer}
 */
record NativeFloats(FloatBuffer buffer, int base) {

    /** The elements of {@code array}, which must be float, row-major and without gaps. */
    static NativeFloats of(INDArray array) {
        if (!contiguousFloats(array)) {
            throw new IllegalArgumentException("expected a contiguous row-major float array, got " + array.dataType()
                    + " '" + array.ordering() + "' " + array.shapeInfoToString());
        }
        // ND4J's NIO view starts at its buffer's first element, not at the view's
        return new NativeFloats(array.data().asNioFloat(), Math.toIntExact(array.offset()));
    }

    /** A row-major copy of any array's elements, as floats. */
    static float[] copy(INDArray array) {
        INDArray contiguous = contiguousFloats(array) ? array : array.castTo(DataType.FLOAT).dup('c');
        float[] out = new float[Math.toIntExact(contiguous.length())];
        of(contiguous).get(0, out);
        return out;
    }

    /** Copies {@code into.length} elements from element {@code from} on. */
    void get(int from, float[] into) {
        buffer.get(base + from, into);
    }

    /** Copies {@code length} elements from element {@code from} on into {@code into} at {@code offset}. */
    void get(int from, float[] into, int offset, int length) {
        buffer.get(base + from, into, offset, length);
    }

    /** Writes {@code values} over the elements from element {@code from} on. */
    void put(int from, float[] values) {
        buffer.put(base + from, values);
    }

    private static boolean contiguousFloats(INDArray array) {
        return array.dataType() == DataType.FLOAT && array.ordering() == 'c' && array.elementWiseStride() == 1;
    }
}
