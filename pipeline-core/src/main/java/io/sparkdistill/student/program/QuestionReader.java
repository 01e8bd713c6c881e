package io.sparkdistill.student.program;

import io.sparkdistill.student.HashingFeaturizer;
import io.sparkdistill.student.SparseFeatures;
import io.sparkdistill.student.WordVocabulary;

import java.util.List;
import java.util.Map;

/**
 * Turns a question into the network's two inputs. Its numbers become position markers first, so "N0 kilometres per
 * hour for N1 hours" reads the same whatever the numbers.
 * <ul>
 *   <li>{@code ngrams}: the hashed word and character n-grams of the marked question ({@link HashingFeaturizer}),
 *       which see which marker sits next to which words;</li>
 *   <li>{@code meaning}: the mean frozen teacher vector of its known words, which carries what the question is about
 *       to wordings the training split never used ("miles" near "kilometres"), followed by a one-hot count of its
 *       numbers (a program can only use numbers the question has).</li>
 * </ul>
 * Holds a word map, so one per thread or per batch stream.
 */
public final class QuestionReader {
    /** Number counts told apart; more numbers share the last slot. */
    static final int COUNT_SLOTS = 12;

    private final Map<String, float[]> vectors;
    private final HashingFeaturizer featurizer;
    private final int width;

    /** A question read: its numbers and the two inputs (the n-grams sparse: a few hundred of many buckets fire). */
    public record Read(QuestionNumbers numbers, SparseFeatures ngrams, float[] meaning) {
        /** The n-grams as the dense row DL4J is fed. */
        public float[] denseNgrams(int buckets) {
            float[] row = new float[buckets];
            for (int i = 0; i < ngrams.size(); i++) {
                row[ngrams.indices()[i]] = ngrams.values()[i];
            }
            return row;
        }
    }

    public QuestionReader(ProgramSpace space) {
        this.vectors = space.wordVectors();
        this.featurizer = new HashingFeaturizer(space.buckets(), space.ngrams(), space.charNgrams());
        this.width = space.width();
    }

    /** Width of the {@code meaning} row of a space. */
    static int meaningWidth(ProgramSpace space) {
        return space.width() + COUNT_SLOTS;
    }

    public Read read(String question) {
        QuestionNumbers numbers = QuestionNumbers.of(question);
        float[] meaning = new float[width + COUNT_SLOTS];
        int known = 0;
        for (String word : WordVocabulary.tokens(numbers.markedText())) {
            float[] vector = vectors.get(word);
            if (vector != null) {
                for (int d = 0; d < width; d++) {
                    meaning[d] += vector[d];
                }
                known++;
            }
        }
        for (int d = 0; known > 0 && d < width; d++) {
            meaning[d] /= known;
        }
        meaning[width + Math.min(numbers.values().size(), COUNT_SLOTS - 1)] = 1f;
        return new Read(numbers, featurizer.features(List.of(numbers.markedText())), meaning);
    }
}
