package io.sparkdistill.student.summary;

import java.util.List;

/**
 * One document as the sentence scorer reads it: its sentences and, for each, what the network is fed.
 *
 * @param sentences the document's sentences, in order (at most the prepared sentence cap)
 * @param words     each sentence's length in ROUGE tokens, the unit of the word limit
 * @param vectors   each sentence's mean teacher word vector, unit length scaled to unit spread per component
 * @param scalars   each sentence's position, length, similarity and overlap features ({@link SentenceFeaturizer})
 * @param cues      each sentence's fired cue buckets (hashed words and word pairs), ascending
 */
public record DocumentFeatures(List<String> sentences, int[] words, float[][] vectors, float[][] scalars,
                               int[][] cues) {

    public DocumentFeatures {
        sentences = List.copyOf(sentences);
    }

    /** Sentences the scorer sees. */
    public int size() {
        return sentences.size();
    }
}
