package io.sparkdistill.jobs.bench;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The offline teacher's encoder with no pipeline around it: the same tokenizer file and settings the project gives
 * DJL (padding to the batch's longest text, truncation at 256 tokens), one ONNX Runtime session through its own Java
 * API, and the same mean pooling over the attention mask and L2 normalisation. It is the reference the generate
 * stage's throughput is held against: what ONNX Runtime itself does with this model on these cores.
 */
final class OrtDirectEncoder implements AutoCloseable {

    /**
     * Multiply-adds per token of the encoder's dense layers (6 layers of Q, K, V, O projections and a 384 x 1536
     * feed-forward pair); attention adds {@link #attentionMacsPerToken} per token.
     */
    static final double DENSE_MACS_PER_TOKEN = 6 * (4.0 * 384 * 384 + 2.0 * 384 * 1536);

    /** What one batch cost: texts, real tokens (attention mask ones), padded tokens (batch x longest), FLOP. */
    record BatchCost(int texts, long tokens, long paddedTokens, double flops) {
    }

    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;

    /**
     * @param intraOpThreads ONNX Runtime's intra-op threads for this session; 0 = its default (one per core)
     * @param optLevel       graph optimisation level
     */
    OrtDirectEncoder(Path modelFile, Path tokenizerFile, int intraOpThreads, OrtSession.SessionOptions.OptLevel optLevel)
            throws OrtException, IOException {
        env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setOptimizationLevel(optLevel);
            session = env.createSession(modelFile.toString(), options);
        }
        tokenizer = HuggingFaceTokenizer.builder()
                .optTokenizerPath(tokenizerFile)
                .optPadding(true)
                .optTruncation(true)
                .optMaxLength(256)
                .build();
    }

    /** Encodes one batch into {@code out} (one unit-length 384-vector per text) and says what it cost. */
    BatchCost encode(List<String> texts, float[][] out) throws OrtException {
        Encoding[] encodings = tokenizer.batchEncode(texts);
        int rows = encodings.length;
        int length = encodings[0].getIds().length;
        long[][] ids = new long[rows][];
        long[][] mask = new long[rows][];
        long[][] types = new long[rows][];
        long tokens = 0;
        for (int i = 0; i < rows; i++) {
            ids[i] = encodings[i].getIds();
            mask[i] = encodings[i].getAttentionMask();
            types[i] = encodings[i].getTypeIds();
            for (long m : mask[i]) {
                tokens += m;
            }
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, ids));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, mask));
            if (session.getInputNames().contains("token_type_ids")) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, types));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                float[][][] hidden = (float[][][]) result.get(0).getValue();
                for (int i = 0; i < rows; i++) {
                    out[i] = meanPooledUnit(hidden[i], mask[i]);
                }
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
        long padded = (long) rows * length;
        double flops = 2.0 * padded * (DENSE_MACS_PER_TOKEN + attentionMacsPerToken(length));
        return new BatchCost(rows, tokens, padded, flops);
    }

    /** QK^T and attention x V in each of the 6 layers: 2 x length x 384 multiply-adds per token per layer. */
    static double attentionMacsPerToken(int length) {
        return 6 * 2.0 * length * 384;
    }

    private static float[] meanPooledUnit(float[][] tokens, long[] mask) {
        float[] v = new float[tokens[0].length];
        int n = 0;
        for (int t = 0; t < tokens.length; t++) {
            if (mask[t] == 1) {
                n++;
                for (int k = 0; k < v.length; k++) {
                    v[k] += tokens[t][k];
                }
            }
        }
        double norm = 0;
        for (int k = 0; k < v.length; k++) {
            v[k] /= n;
            norm += v[k] * v[k];
        }
        float scale = (float) (1 / Math.max(Math.sqrt(norm), 1e-12));
        for (int k = 0; k < v.length; k++) {
            v[k] *= scale;
        }
        return v;
    }

    @Override
    public void close() throws OrtException {
        session.close();
        tokenizer.close();
    }
}
