package io.sparkdistill.jobs;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.nio.ByteBuffer;
import org.nd4j.kryo.Nd4jSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Kryo for ND4J arrays as their shape and their elements' bytes in bulk. ND4J's own serializer writes and reads
 * element by element through a data stream (boxing each one on the way back), and parameter averaging ships a label
 * student's parameters and Adam's two moments (3 x 1.05M floats for the fastText student) three times a round, as
 * the round's broadcast, the worker's result and the driver's copy of it, and reads every cached minibatch of the
 * partition again for each round's split: that took most of a round once the fastText student's own arithmetic was
 * cheap. Compressed arrays and those of types without a fixed element width (strings) keep ND4J's format.
 */
final class ContiguousArraySerializer extends Serializer<INDArray> {
    private static final int CHUNK = 1 << 16;
    private static final byte BULK = 0;
    private static final byte ND4J = 1;

    private final Nd4jSerializer nd4j = new Nd4jSerializer();

    @Override
    public void write(Kryo kryo, Output output, INDArray array) {
        if (!bulk(array)) {
            output.writeByte(ND4J);
            nd4j.write(kryo, output, array);
            return;
        }
        output.writeByte(BULK);
        output.writeString(array.dataType().name());
        long[] shape = array.shape();
        output.writeVarInt(shape.length, true);
        for (long size : shape) {
            output.writeVarLong(size, true);
        }
        output.writeBoolean(array.isEmpty());
        if (array.isEmpty()) {
            return;
        }
        // a fresh row-major copy starts at its buffer's first byte, whatever ND4J version counts offsets how
        INDArray own = array.isView() || array.ordering() != 'c' || array.offset() != 0 ? array.dup('c') : array;
        ByteBuffer bytes = own.data().asNio();
        long length = own.length() * own.dataType().width();
        byte[] chunk = new byte[(int) Math.min(CHUNK, length)];
        for (long done = 0; done < length; done += chunk.length) {
            int n = (int) Math.min(chunk.length, length - done);
            bytes.get((int) done, chunk, 0, n);
            output.writeBytes(chunk, 0, n);
        }
    }

    @Override
    public INDArray read(Kryo kryo, Input input, Class<INDArray> type) {
        if (input.readByte() == ND4J) {
            return nd4j.read(kryo, input, type);
        }
        DataType dataType = DataType.valueOf(input.readString());
        long[] shape = new long[input.readVarInt(true)];
        for (int d = 0; d < shape.length; d++) {
            shape[d] = input.readVarLong(true);
        }
        if (input.readBoolean()) {
            return shape.length == 0 ? Nd4j.empty(dataType) : Nd4j.create(dataType, shape);
        }
        INDArray array = Nd4j.createUninitialized(dataType, shape, 'c');
        ByteBuffer bytes = array.data().asNio();
        long length = array.length() * dataType.width();
        byte[] chunk = new byte[(int) Math.min(CHUNK, length)];
        for (long done = 0; done < length; done += chunk.length) {
            int n = (int) Math.min(chunk.length, length - done);
            input.readBytes(chunk, 0, n);
            bytes.put((int) done, chunk, 0, n);
        }
        return array;
    }

    private static boolean bulk(INDArray array) {
        return !array.isCompressed() && (array.dataType().isNumerical() || array.dataType() == DataType.BOOL);
    }
}
