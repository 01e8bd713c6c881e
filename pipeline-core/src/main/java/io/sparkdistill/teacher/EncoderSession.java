package io.sparkdistill.teacher;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;

import java.util.List;

/**
 * One thread's handle on the shared {@link SentenceEncoder}: it wraps one DJL predictor, which is not
 * thread-safe. A Spark partition opens one, encodes its rows in batches and closes it.
 */
public final class EncoderSession implements AutoCloseable {

    private final SentenceEncoder encoder;
    private final Predictor<String, float[]> predictor;
    private long calls;

    EncoderSession(SentenceEncoder encoder, Predictor<String, float[]> predictor) {
        this.encoder = encoder;
        this.predictor = predictor;
    }

    /** Embeds the texts in one batched model call; row i is the unit-length embedding of text i. */
    public float[][] encode(List<String> texts) {
        if (texts.isEmpty()) {
            return new float[0][];
        }
        try {
            List<float[]> vectors = predictor.batchPredict(texts);
            calls += texts.size();
            return vectors.toArray(new float[0][]);
        } catch (TranslateException e) {
            throw new IllegalStateException("the teacher encoder failed on a batch of " + texts.size() + " texts", e);
        }
    }

    /** Number of texts this session has encoded: the teacher's usage, for accounting. */
    public long calls() {
        return calls;
    }

    /** The model this session runs. */
    public SentenceEncoder encoder() {
        return encoder;
    }

    /** Closes the predictor, not the shared model. */
    @Override
    public void close() {
        predictor.close();
    }
}
