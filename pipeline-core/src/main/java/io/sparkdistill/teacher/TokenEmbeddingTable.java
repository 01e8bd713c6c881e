package io.sparkdistill.teacher;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;

/**
 * The embedded teacher's own input word vectors: the wordpiece embedding table inside the bundled all-MiniLM-L6-v2
 * ONNX file (30522 x 384, stored as 8-bit integers with one scale and zero point), with the tokenizer that ships
 * beside it. A student starting from these vectors begins knowing which words mean alike, which a few hundred
 * labelled examples cannot teach it.
 *
 * <p>One table per JVM ({@link #shared}): reading it costs about a second and holds 45 MiB of floats, and every
 * student family that starts from the teacher's vectors, on the driver and on the executors, reads the same one.
 * Each family kept a copy of its own before, and the label students read a fresh one for every student they
 * prepared: a driver's heap then held 30 MiB more for a few seconds per student. The table is never closed; its
 * tokenizer's native memory goes with the JVM.
 */
public final class TokenEmbeddingTable {

    static final String QUANTIZED = "embeddings.word_embeddings.weight_quantized";
    static final String SCALE = "embeddings.word_embeddings.weight_scale";
    static final String ZERO_POINT = "embeddings.word_embeddings.weight_zero_point";
    static final String FLOAT_WEIGHTS = "embeddings.word_embeddings.weight";

    private final float[] table;
    private final int width;
    private final HuggingFaceTokenizer tokenizer;
    private final String fingerprint;

    private TokenEmbeddingTable(float[] table, int width, HuggingFaceTokenizer tokenizer, String fingerprint) {
        this.table = table;
        this.width = width;
        this.tokenizer = tokenizer;
        this.fingerprint = fingerprint;
    }

    /** The table and the tokenizer of the model the embedded teacher runs, read on first use in this JVM. */
    public static TokenEmbeddingTable shared() {
        return Shared.TABLE;
    }

    /** Initialised by the JVM on first access, which makes the one read thread-safe. */
    private static final class Shared {
        private static final TokenEmbeddingTable TABLE = read();
    }

    private static TokenEmbeddingTable read() {
        BundledModel model = BundledModel.extract();
        byte[] onnx;
        try {
            onnx = Files.readAllBytes(model.directory().resolve(BundledModel.ONNX_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the teacher model in " + model.directory(), e);
        }
        Map<String, OnnxInitializers.Tensor> tensors = OnnxInitializers.read(onnx,
                Set.of(QUANTIZED, SCALE, ZERO_POINT, FLOAT_WEIGHTS));
        OnnxInitializers.Tensor weights = tensors.containsKey(FLOAT_WEIGHTS) ? tensors.get(FLOAT_WEIGHTS)
                : tensors.get(QUANTIZED);
        if (weights == null || weights.dims().length != 2) {
            throw new IllegalStateException("the teacher model " + model.directory().resolve(BundledModel.ONNX_FILE)
                    + " has no 2-d initializer " + FLOAT_WEIGHTS + " or " + QUANTIZED);
        }
        float[] values = weights.values();
        if (weights == tensors.get(QUANTIZED)) {
            float scale = tensors.get(SCALE).values()[0];
            float zeroPoint = tensors.get(ZERO_POINT).values()[0];
            for (int i = 0; i < values.length; i++) {
                values[i] = (values[i] - zeroPoint) * scale;
            }
        }
        try {
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(model.directory().resolve(BundledModel.TOKENIZER_FILE))
                    .optAddSpecialTokens(false)
                    .build();
            return new TokenEmbeddingTable(values, (int) weights.dims()[1], tokenizer, model.fingerprint());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the teacher's tokenizer from " + model.directory(), e);
        }
    }

    /** Width of the teacher's vectors (384). */
    public int width() {
        return width;
    }

    /** Wordpieces in the table. */
    public int tokens() {
        return table.length / width;
    }

    /** The fingerprint of the model the vectors come from, for the student's provenance. */
    public String fingerprint() {
        return fingerprint;
    }

    /**
     * A word's vector: the mean of its wordpieces' rows ({@code "unhappiness"} is {@code un ##happiness}), or null
     * when the tokenizer yields no wordpiece for it.
     */
    public float[] wordVector(String word) {
        long[] ids = tokenizer.encode(word).getIds();
        if (ids.length == 0) {
            return null;
        }
        float[] vector = new float[width];
        for (long id : ids) {
            int row = (int) id * width;
            for (int d = 0; d < width; d++) {
                vector[d] += table[row + d];
            }
        }
        for (int d = 0; d < width; d++) {
            vector[d] /= ids.length;
        }
        return vector;
    }
}
