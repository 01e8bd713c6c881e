package io.sparkdistill.teacher;

import io.sparkdistill.ingest.Example;
import io.sparkdistill.ingest.TaskType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns examples into the feature vectors the teacher's linear head reads, with one batched encoder call per
 * batch of examples.
 * <ul>
 *   <li>classification: u = emb(text)</li>
 *   <li>nli: [u, v, |u - v|, u * v] with u = emb(premise), v = emb(hypothesis): the sentence-transformers
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

    /** Width of the feature vector for a task, given the embedding width. */
    public static int dimension(TaskType task, int embeddingDim) {
        return switch (task) {
            case CLASSIFICATION -> embeddingDim;
            case NLI -> 4 * embeddingDim;
            default -> throw unsupported(task);
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
            TaskType task = batch.get(i).task();
            features[i] = switch (task) {
                case CLASSIFICATION -> embeddings[next];
                case NLI -> pairFeatures(embeddings[next], embeddings[next + 1]);
                default -> throw unsupported(task);
            };
            next += task.inputFields().size();
        }
        return features;
    }

    /** The error for a task an encoder teacher cannot label. */
    public static IllegalArgumentException unsupported(TaskType task) {
        return new IllegalArgumentException("an encoder teacher labels classification and nli examples, not "
                + task.configName() + "; use an API teacher (teacher.kind: api) for " + task.configName());
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
