package io.sparkdistill.teacher;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads named weight tensors (graph initializers) straight out of an ONNX file's protobuf bytes. ONNX Runtime's Java
 * API runs a model but does not hand out its weights, and the onnx protobuf classes are not on the classpath, so this
 * walks the few messages involved ({@code ModelProto.graph = 7}, {@code GraphProto.initializer = 5}, and
 * {@code TensorProto}'s dims, data_type, float_data, int32_data, name and raw_data) with the protobuf wire format.
 */
final class OnnxInitializers {

    /** ONNX TensorProto.DataType values this reader understands. */
    static final int FLOAT = 1;
    static final int UINT8 = 2;
    static final int INT8 = 3;

    /**
     * One weight tensor. Its values are in {@code raw} (little-endian, as ONNX stores them) or, for small tensors,
     * in {@code floats} or {@code ints}.
     */
    record Tensor(String name, long[] dims, int dataType, ByteBuffer raw, float[] floats, int[] ints) {

        /** The values as floats, whichever field holds them; integer types are returned as their integer values. */
        float[] values() {
            if (raw != null && raw.remaining() > 0) {
                ByteBuffer data = raw.duplicate().order(ByteOrder.LITTLE_ENDIAN);
                return switch (dataType) {
                    case FLOAT -> {
                        float[] out = new float[data.remaining() / 4];
                        data.asFloatBuffer().get(out);
                        yield out;
                    }
                    case UINT8, INT8 -> {
                        float[] out = new float[data.remaining()];
                        for (int i = 0; i < out.length; i++) {
                            byte b = data.get();
                            out[i] = dataType == UINT8 ? (b & 0xff) : b;
                        }
                        yield out;
                    }
                    default -> throw new IllegalStateException("tensor " + name + " has ONNX data type " + dataType
                            + ", which this reader does not decode");
                };
            }
            if (floats.length > 0) {
                return floats.clone();
            }
            float[] out = new float[ints.length];
            for (int i = 0; i < ints.length; i++) {
                out[i] = ints[i];
            }
            return out;
        }
    }

    private OnnxInitializers() {
    }

    /** The initializers of {@code model} whose names are in {@code names}; the others are skipped unread. */
    static Map<String, Tensor> read(byte[] model, Set<String> names) {
        Map<String, Tensor> found = new HashMap<>();
        Reader top = new Reader(ByteBuffer.wrap(model), 0, model.length);
        while (top.hasMore()) {
            int key = top.varint32();
            if (key >>> 3 == 7 && (key & 7) == 2) {
                Reader graph = top.message();
                while (graph.hasMore()) {
                    int graphKey = graph.varint32();
                    if (graphKey >>> 3 == 5 && (graphKey & 7) == 2) {
                        Tensor tensor = tensor(graph.message());
                        if (names.contains(tensor.name())) {
                            found.put(tensor.name(), tensor);
                        }
                    } else {
                        graph.skip(graphKey & 7);
                    }
                }
            } else {
                top.skip(key & 7);
            }
        }
        return found;
    }

    private static Tensor tensor(Reader in) {
        List<Long> dims = new ArrayList<>();
        int dataType = 0;
        String name = "";
        ByteBuffer raw = null;
        List<Float> floats = new ArrayList<>();
        List<Integer> ints = new ArrayList<>();
        while (in.hasMore()) {
            int key = in.varint32();
            int field = key >>> 3;
            int wire = key & 7;
            switch (field) {
                case 1 -> repeated(in, wire, Reader::varint64, dims);
                case 2 -> dataType = in.varint32();
                case 4 -> repeated(in, wire, Reader::float32, floats);
                case 5 -> repeated(in, wire, Reader::varint32, ints);
                case 8 -> name = in.string();
                case 9 -> raw = in.bytes();
                default -> in.skip(wire);
            }
        }
        float[] floatValues = new float[floats.size()];
        for (int i = 0; i < floatValues.length; i++) {
            floatValues[i] = floats.get(i);
        }
        return new Tensor(name, dims.stream().mapToLong(Long::longValue).toArray(), dataType, raw, floatValues,
                ints.stream().mapToInt(Integer::intValue).toArray());
    }

    /** A window [position, end) of the protobuf bytes. */
    /** One value of a repeated field, or all of them when the writer packed the field into one length-delimited run. */
    private static <T> void repeated(Reader in, int wire, Function<Reader, T> read, List<T> into) {
        if (wire == 2) {
            Reader packed = in.message();
            while (packed.hasMore()) {
                into.add(read.apply(packed));
            }
        } else {
            into.add(read.apply(in));
        }
    }

    private static final class Reader {
        private final ByteBuffer buffer;
        private int position;
        private final int end;

        Reader(ByteBuffer buffer, int position, int end) {
            this.buffer = buffer;
            this.position = position;
            this.end = end;
        }

        boolean hasMore() {
            return position < end;
        }

        long varint64() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = buffer.get(position++);
                result |= (long) (b & 0x7f) << shift;
                if (b >= 0) {
                    return result;
                }
            }
            throw new IllegalStateException("malformed ONNX file: a varint runs past 10 bytes at " + position);
        }

        int varint32() {
            return (int) varint64();
        }

        float float32() {
            float value = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).getFloat(position);
            position += 4;
            return value;
        }

        /** A length-delimited field's bytes as a reader of their own. */
        Reader message() {
            int length = varint32();
            Reader inner = new Reader(buffer, position, position + length);
            position += length;
            return inner;
        }

        ByteBuffer bytes() {
            int length = varint32();
            ByteBuffer slice = buffer.duplicate();
            slice.position(position).limit(position + length);
            position += length;
            return slice.slice();
        }

        String string() {
            ByteBuffer bytes = bytes();
            byte[] out = new byte[bytes.remaining()];
            bytes.get(out);
            return new String(out, java.nio.charset.StandardCharsets.UTF_8);
        }

        void skip(int wire) {
            switch (wire) {
                case 0 -> varint64();
                case 1 -> position += 8;
                case 2 -> {
                    int length = varint32();
                    position += length;
                }
                case 5 -> position += 4;
                default -> throw new IllegalStateException("malformed ONNX file: wire type " + wire + " at "
                        + position);
            }
        }
    }
}
