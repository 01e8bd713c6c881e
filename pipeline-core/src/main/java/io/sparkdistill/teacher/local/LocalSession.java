package io.sparkdistill.teacher.local;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;

import java.util.ArrayList;
import java.util.List;

/**
 * One thread's handle on a shared {@link LocalModel}: one DJL predictor, which is not thread-safe. A Spark
 * partition opens one, runs its rows in batches and closes it.
 */
public final class LocalSession implements AutoCloseable {

    private final LocalModel model;
    private final Predictor<String, float[]> encoder;
    private final Predictor<List<String[]>, float[][]> classifier;
    private long calls;

    private LocalSession(LocalModel model, Predictor<String, float[]> encoder,
                         Predictor<List<String[]>, float[][]> classifier) {
        this.model = model;
        this.encoder = encoder;
        this.classifier = classifier;
    }

    static LocalSession encoder(LocalModel model, Predictor<String, float[]> predictor) {
        return new LocalSession(model, predictor, null);
    }

    static LocalSession classifier(LocalModel model, Predictor<List<String[]>, float[][]> predictor) {
        return new LocalSession(model, null, predictor);
    }

    /** Encoder models: row i is the pooled embedding of text i, in one batched call. */
    public float[][] encode(List<String> texts) {
        if (encoder == null) {
            throw new IllegalStateException("teacher.local.kind is classifier: this model gives logits, not embeddings");
        }
        if (texts.isEmpty()) {
            return new float[0][];
        }
        try {
            float[][] rows = encoder.batchPredict(texts).toArray(new float[0][]);
            calls += texts.size();
            return rows;
        } catch (TranslateException e) {
            throw new IllegalStateException("the local teacher failed on a batch of " + texts.size() + " texts", e);
        }
    }

    /** Classifier models: row i is the logits of text i, in the model's label order. */
    public float[][] logits(List<String> texts) {
        List<String[]> rows = new ArrayList<>(texts.size());
        for (String text : texts) {
            rows.add(new String[]{text});
        }
        return classify(rows);
    }

    /** Classifier models over text pairs (nli: premise, hypothesis), encoded as one sequence pair each. */
    public float[][] pairLogits(List<String> first, List<String> second) {
        if (first.size() != second.size()) {
            throw new IllegalArgumentException(first.size() + " first texts but " + second.size() + " second texts");
        }
        List<String[]> rows = new ArrayList<>(first.size());
        for (int i = 0; i < first.size(); i++) {
            rows.add(new String[]{first.get(i), second.get(i)});
        }
        return classify(rows);
    }

    private float[][] classify(List<String[]> rows) {
        if (classifier == null) {
            throw new IllegalStateException("teacher.local.kind is encoder: this model gives embeddings, not logits");
        }
        if (rows.isEmpty()) {
            return new float[0][];
        }
        try {
            float[][] out = classifier.predict(rows);
            calls += rows.size();
            return out;
        } catch (TranslateException e) {
            throw new IllegalStateException("the local teacher failed on a batch of " + rows.size() + " texts", e);
        }
    }

    /** Texts (or pairs) this session has run. */
    public long calls() {
        return calls;
    }

    public LocalModel model() {
        return model;
    }

    /** Closes the predictor, not the shared model. */
    @Override
    public void close() {
        (encoder != null ? encoder : classifier).close();
    }
}
