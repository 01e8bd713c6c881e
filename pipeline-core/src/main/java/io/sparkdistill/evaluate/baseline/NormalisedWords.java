package io.sparkdistill.evaluate.baseline;

import io.sparkdistill.evaluate.text.SquadMetrics;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The words two texts are compared by when a baseline looks for the most similar sentence or conversation: the
 * distinct words of the text as SQuAD's F1 sees them ({@link SquadMetrics#normalize}: lower-cased, punctuation
 * deleted, articles dropped). Every other word counts, function words included: in short support requests "not",
 * "where" and "my" tell requests apart as much as the nouns do, and no hand-made stopword list has to be kept.
 */
final class NormalisedWords {
    private NormalisedWords() {
    }

    static Set<String> of(String text) {
        String normalised = SquadMetrics.normalize(text);
        return normalised.isEmpty() ? Set.of() : new LinkedHashSet<>(List.of(normalised.split(" ")));
    }

    /** How many of {@code words} are also in {@code other}. */
    static int shared(Set<String> words, Set<String> other) {
        int count = 0;
        for (String word : words) {
            if (other.contains(word)) {
                count++;
            }
        }
        return count;
    }

    /** Shared words over the words of either (Jaccard): 0 when both are empty. */
    static double overlap(Set<String> words, Set<String> other) {
        int shared = shared(words, other);
        int union = words.size() + other.size() - shared;
        return union == 0 ? 0 : (double) shared / union;
    }
}
