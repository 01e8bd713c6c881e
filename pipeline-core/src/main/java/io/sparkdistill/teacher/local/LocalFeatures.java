package io.sparkdistill.teacher.local;

import io.sparkdistill.ingest.Example;
import io.sparkdistill.ingest.TaskType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The head's feature vectors from any batch encoder: the embedding for classification, [u, v, |u - v|, u * v] for
 * nli, exactly as {@link io.sparkdistill.teacher.TeacherFeatures} builds them. That class only takes the bundled
 * model's EncoderSession (package-private constructor), hence this adapter over a plain function; once
 * TeacherFeatures takes a {@code Function<List<String>, float[][]>} (or a small TextEncoder interface) this class goes.
 */
public final class LocalFeatures {

    private final Function<List<String>, float[][]> encoder;

    /** @param encoder texts in, one embedding per text out, in one call (e.g. {@code session::encode}) */
    public LocalFeatures(Function<List<String>, float[][]> encoder) {
        this.encoder = encoder;
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

    static IllegalArgumentException unsupported(TaskType task) {
        return new IllegalArgumentException("a local teacher labels classification and nli examples, not "
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
