package io.sparkdistill.student;

import java.util.Arrays;
import java.util.List;

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
    @Override
    public float[] row(List<String> segments) {
        int[] ids = ids(segments);
        float[] row = new float[maxTokens];
        for (int i = 0; i < ids.length; i++) {
            row[i] = ids[i];
        }
        return row;
    }

    public int maxTokens() {
        return maxTokens;
    }

    public WordVocabulary vocabulary() {
        return vocabulary;
    }
}
