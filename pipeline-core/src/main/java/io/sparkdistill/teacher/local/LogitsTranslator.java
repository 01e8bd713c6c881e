package io.sparkdistill.teacher.local;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import ai.djl.util.PairList;

import java.util.List;

/**
 * A sequence classifier's raw logits for a batch: texts (or text pairs) in, {@code [batch][labels]} out. DJL's
 * TextClassificationTranslator answers with Classifications, i.e. probabilities keyed by the model's own label
 * names; distillation needs the raw logits in the job's label order, hence this small translator. The batch is
 * tokenised in one call, padded to its longest member.
 */
final class LogitsTranslator implements NoBatchifyTranslator<List<String[]>, float[][]> {

    private final HuggingFaceTokenizer tokenizer;
    private final boolean includeTokenTypes;

    LogitsTranslator(HuggingFaceTokenizer tokenizer, boolean includeTokenTypes) {
        this.tokenizer = tokenizer;
        this.includeTokenTypes = includeTokenTypes;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, List<String[]> rows) {
        Encoding[] encodings;
        if (rows.get(0).length == 2) {
            PairList<String, String> pairs = new PairList<>(rows.size());
            for (String[] row : rows) {
                pairs.add(row[0], row[1]);
            }
            encodings = tokenizer.batchEncode(pairs);
        } else {
            encodings = tokenizer.batchEncode(rows.stream().map(r -> r[0]).toList());
        }
        NDManager manager = ctx.getNDManager();
        long[][] ids = new long[encodings.length][];
        long[][] mask = new long[encodings.length][];
        long[][] types = new long[encodings.length][];
        for (int i = 0; i < encodings.length; i++) {
            ids[i] = encodings[i].getIds();
            mask[i] = encodings[i].getAttentionMask();
            types[i] = encodings[i].getTypeIds();
        }
        NDList inputs = new NDList(named(manager.create(ids), "input_ids"),
                named(manager.create(mask), "attention_mask"));
        if (includeTokenTypes) {
            inputs.add(named(manager.create(types), "token_type_ids"));
        }
        return inputs;
    }

    @Override
    public float[][] processOutput(TranslatorContext ctx, NDList outputs) {
        NDArray logits = outputs.get(0);
        if (logits.getShape().dimension() != 2) {
            throw new IllegalStateException("a classifier must output logits of shape [batch, labels], but this "
                    + "model's first output has shape " + logits.getShape() + "; for a model that outputs embeddings "
                    + "set teacher.local.kind: encoder");
        }
        int rows = (int) logits.getShape().get(0);
        int labels = (int) logits.getShape().get(1);
        float[] flat = logits.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        float[][] out = new float[rows][labels];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(flat, i * labels, out[i], 0, labels);
        }
        return out;
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }
}
