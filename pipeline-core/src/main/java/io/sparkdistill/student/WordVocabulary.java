package io.sparkdistill.student;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The words a sequence student knows, each with its own embedding row. Rows 0 to 2 are reserved: padding after the
 * last word, the one shared row of every unknown word, and the separator between an NLI premise and hypothesis; the
 * known words follow, most frequent first.
 *
 * <p>Built from the training split's word counts, so a word first seen at prediction time maps to the unknown row
 * instead of a random, never trained one. Words are the tokens of {@link HashingFeaturizer#tokenize}.
 */
public final class WordVocabulary implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final int PADDING = 0;
    public static final int UNKNOWN = 1;
    public static final int SEPARATOR = 2;
    static final int RESERVED = 3;

    private final List<String> words;
    private final Map<String, Integer> ids;

    /** @param words the known words in id order (their ids start at {@value #RESERVED}) */
    public WordVocabulary(List<String> words) {
        this.words = List.copyOf(words);
        this.ids = new HashMap<>(this.words.size() * 2);
        for (int i = 0; i < this.words.size(); i++) {
            if (ids.put(this.words.get(i), RESERVED + i) != null) {
                throw new IllegalArgumentException("word '" + this.words.get(i) + "' is listed twice");
            }
        }
    }

    /** The {@code maxWords} most frequent words; equal counts are ordered alphabetically, so the result is stable. */
    public static WordVocabulary mostFrequent(Map<String, Long> counts, int maxWords) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue).reversed()
                .thenComparing(Map.Entry::getKey));
        List<String> words = new ArrayList<>(Math.min(maxWords, entries.size()));
        for (int i = 0; i < entries.size() && i < maxWords; i++) {
            words.add(entries.get(i).getKey());
        }
        return new WordVocabulary(words);
    }

    /** The words of one input text, as the vocabulary splits them. */
    public static List<String> tokens(String text) {
        return HashingFeaturizer.tokenize(text == null ? "" : text);
    }

    /** The id of one word: its row, or {@link #UNKNOWN}. */
    public int id(String word) {
        Integer id = ids.get(word);
        return id == null ? UNKNOWN : id;
    }

    /** Rows in the embedding table: the reserved ones and one per known word. */
    public int size() {
        return RESERVED + words.size();
    }

    /** The known words in id order, without the reserved rows. */
    public List<String> words() {
        return words;
    }
}
