package io.sparkdistill.jobs.generate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A sequence "classifier" small enough to write by hand as ONNX protobuf: logits = n * w + b, where n is the number of
 * tokens (the sum of the attention mask). It takes the three BERT inputs (input_ids, attention_mask, token_type_ids),
 * as a real exported classifier does, and gives [batch, labels] logits, so the generic classifier path can be tested
 * without a network or a Python toolchain.
 */
final class TinyOnnxClassifier {
    private static final int FLOAT = 1;
    private static final int INT64 = 7;

    private TinyOnnxClassifier() {
    }

    static void write(Path file, float[] w, float[] b) throws IOException {
        int labels = w.length;
        Msg graph = new Msg()
                .msg(1, node("Cast", new String[]{"attention_mask"}, "mask_f", new Msg().str(1, "to").i64(3, FLOAT)
                        .i64(20, 2)))
                .msg(1, node("ReduceSum", new String[]{"mask_f"}, "n", new Msg().str(1, "axes").i64(8, 1).i64(20, 7),
                        new Msg().str(1, "keepdims").i64(3, 1).i64(20, 2)))
                .msg(1, node("MatMul", new String[]{"n", "w"}, "nw"))
                .msg(1, node("Add", new String[]{"nw", "b"}, "logits"))
                .str(2, "tiny-classifier")
                .msg(5, tensor("w", new long[]{1, labels}, w))
                .msg(5, tensor("b", new long[]{labels}, b))
                .msg(11, valueInfo("input_ids", INT64, null))
                .msg(11, valueInfo("attention_mask", INT64, null))
                .msg(11, valueInfo("token_type_ids", INT64, null))
                .msg(12, valueInfo("logits", FLOAT, (long) labels));
        Msg model = new Msg().i64(1, 6).str(2, "spark-distill test")
                .msg(7, graph)
                .msg(8, new Msg().str(1, "").i64(2, 11));
        Files.write(file, model.bytes());
    }

    private static Msg node(String op, String[] inputs, String output, Msg... attributes) {
        Msg node = new Msg();
        for (String input : inputs) {
            node.str(1, input);
        }
        node.str(2, output).str(3, op + "_" + output).str(4, op);
        for (Msg attribute : attributes) {
            node.msg(5, attribute);
        }
        return node;
    }

    private static Msg tensor(String name, long[] dims, float[] values) {
        Msg tensor = new Msg();
        for (long d : dims) {
            tensor.i64(1, d);
        }
        ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        return tensor.i64(2, FLOAT).str(8, name).bytes(9, raw.array());
    }

    /** [batch, seq] when {@code width} is null, else [batch, width]. */
    private static Msg valueInfo(String name, int elemType, Long width) {
        Msg shape = new Msg().msg(1, new Msg().str(2, "batch"));
        shape = width == null ? shape.msg(1, new Msg().str(2, "seq")) : shape.msg(1, new Msg().i64(1, width));
        Msg tensorType = new Msg().i64(1, elemType).msg(2, shape);
        return new Msg().str(1, name).msg(2, new Msg().msg(1, tensorType));
    }

    /** Protobuf wire format: varints (type 0) and length-delimited fields (type 2) are all ONNX needs here. */
    private static final class Msg {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Msg i64(int field, long value) {
            varint((long) field << 3);
            varint(value);
            return this;
        }

        Msg str(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Msg msg(int field, Msg value) {
            return bytes(field, value.bytes());
        }

        Msg bytes(int field, byte[] value) {
            varint(((long) field << 3) | 2);
            varint(value.length);
            out.writeBytes(value);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private void varint(long value) {
            while ((value & ~0x7FL) != 0) {
                out.write((int) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            out.write((int) value);
        }
    }
}
