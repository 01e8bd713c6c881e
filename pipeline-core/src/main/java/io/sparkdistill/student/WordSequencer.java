package io.sparkdistill.student;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A sequence student's input: the word ids of an example, cut or padded to {@code maxTokens}. Segments (premise,
 * hypothesis) are joined with {@link WordVocabulary#SEPARATOR}; padding ({@link WordVocabulary#PADDING}) follows the
 * last word.
 */
public final class WordSequencer implements StudentInput {
    private static final long serialVersionUID = 1L;

    private final WordVocabulary vocabulary;
    private final int maxTokens;

    public WordSequencer(WordVocabulary vocabulary, int maxTokens) {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1, got " + maxTokens);
        }
        this.vocabulary = vocabulary;
        this.maxTokens = maxTokens;
    }

    /** The ids of the example's words, at most {@code maxTokens} of them, without padding. */
    public int[] ids(List<String> segments) {
        int[] ids = new int[maxTokens];
        int n = 0;
        for (int s = 0; s < segments.size() && n < maxTokens; s++) {
            if (s > 0) {
                ids[n++] = WordVocabulary.SEPARATOR;
            }
            for (String word : WordVocabulary.tokens(segments.get(s))) {
                if (n == maxTokens) {
                    break;
                }
                ids[n++] = vocabulary.id(word);
            }
        }
        return Arrays.copyOf(ids, n);
    }

    /** The padded id row DL4J's embedding layer reads: {@code maxTokens} ids as floats. */
    public float[] row(List<String> segments) {
        float[] row = new float[maxTokens];
        fill(segments, row, 0);
        return row;
    }

    /** The padded id rows, {@code [n, maxTokens]}, unmasked: the cnn and the bilstm read the padding too. */
    @Override
    public BatchFeatures batch(List<List<String>> examples) {
        float[] rows = new float[examples.size() * maxTokens];
        for (int i = 0; i < examples.size(); i++) {
            fill(examples.get(i), rows, i * maxTokens);
        }
        return new BatchFeatures(Nd4j.createFromArray(rows).reshape(examples.size(), maxTokens), null);
    }

    private void fill(List<String> segments, float[] rows, int offset) {
        int[] ids = ids(segments);
        for (int i = 0; i < ids.length; i++) {
            rows[offset + i] = ids[i];
        }
    }

    public int maxTokens() {
        return maxTokens;
    }

    public WordVocabulary vocabulary() {
        return vocabulary;
    }
}
