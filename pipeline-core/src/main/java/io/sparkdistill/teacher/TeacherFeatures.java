package io.sparkdistill.teacher;

import io.sparkdistill.ingest.Example;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns examples into the feature vectors the teacher's linear head reads, with one batched encoder call per
 * batch of examples.
 * <ul>
 *   <li>one text (classification): u = emb(text)</li>
 *   <li>a pair (nli): [u, v, |u - v|, u * v] with u = emb(premise), v = emb(hypothesis): the sentence-transformers
 *       (SBERT) recipe for pair classification, which lets a linear head see agreement and difference.</li>
 * </ul>
 */
public final class TeacherFeatures {

    private final Function<List<String>, float[][]> encoder;

    /** Features from the bundled encoder. */
    public TeacherFeatures(EncoderSession session) {
        this(session::encode);
    }

    /** Features from any batch encoder: texts in, one embedding per text out, in one call. */
    public TeacherFeatures(Function<List<String>, float[][]> encoder) {
        this.encoder = encoder;
    }

    /**
     * Width of the feature vector of an example with {@code segments} input texts (one: its embedding; two: the
     * pair features), given the embedding width. The task strategies let encoder teachers answer only the label
     * tasks, whose examples have one text (classification) or a pair (nli).
     */
    public static int dimension(int segments, int embeddingDim) {
        return switch (segments) {
            case 1 -> embeddingDim;
            case 2 -> 4 * embeddingDim;
            default -> throw new IllegalArgumentException("an encoder teacher reads one text or a pair of texts, not "
                    + segments);
        };
    }

    /** Row i is the feature vector of example i; all segments of the batch go to the encoder in one call. */
    public float[][] of(List<Example> batch) {
        List<String> texts = new ArrayList<>();
        for (Example example : batch) {
            texts.addAll(example.segments());
        }
        float[][] embeddings = encoder.apply(texts);
        float[][] features = new float[batch.size()][];
        int next = 0;
        for (int i = 0; i < batch.size(); i++) {
            int segments = batch.get(i).segments().size();
            dimension(segments, 1);
            features[i] = segments == 1 ? embeddings[next] : pairFeatures(embeddings[next], embeddings[next + 1]);
            next += segments;
        }
        return features;
    }

    private static float[] pairFeatures(float[] u, float[] v) {
        int d = u.length;
        float[] f = new float[4 * d];
        for (int k = 0; k < d; k++) {
            f[k] = u[k];
            f[d + k] = v[k];
            f[2 * d + k] = Math.abs(u[k] - v[k]);
            f[3 * d + k] = u[k] * v[k];
        }
        return f;
    }
}
