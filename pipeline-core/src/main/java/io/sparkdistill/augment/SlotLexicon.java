package io.sparkdistill.augment;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which words were seen in which slot of the training text, a slot being "right after this word" (or "first in the
 * text"). Words that follow the same word mostly share a part of speech ("the" is followed by nouns and adjectives,
 * "to" by verbs), so swapping a word for another of its slot is a tagger-free stand-in for Tang et al.'s
 * same-part-of-speech swap.
 *
 * <p>Words are whitespace-separated tokens with their punctuation, as they appear; slots are keyed by the preceding
 * word lower-cased without surrounding punctuation. Each slot keeps at most {@value #MAX_WORDS} distinct words, the
 * same ones whatever order the text was read in, so that the lexicon of a large corpus stays small.
 */
public final class SlotLexicon implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The slot of a text's first word. */
    public static final String START = "<s>";
    static final int MAX_WORDS = 64;
    private static final Comparator<String> SPREAD = Comparator.<String>comparingInt(
            w -> Integer.reverse(w.hashCode() * 0x9E3779B9)).thenComparing(Comparator.naturalOrder());

    private final Map<String, List<String>> wordsBySlot;

    public SlotLexicon(Map<String, List<String>> wordsBySlot) {
        this.wordsBySlot = Map.copyOf(wordsBySlot);
    }

    /** The words of a text, as the augmentation splits it. */
    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String word : text.trim().split("\\s+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    /** The slot a word after {@code previous} sits in; {@code previous} null for a text's first word. */
    public static String slot(String previous) {
        if (previous == null) {
            return START;
        }
        String lower = previous.toLowerCase(Locale.ROOT);
        int from = 0;
        int to = lower.length();
        while (from < to && !Character.isLetterOrDigit(lower.charAt(from))) {
            from++;
        }
        while (to > from && !Character.isLetterOrDigit(lower.charAt(to - 1))) {
            to--;
        }
        return lower.substring(from, to);
    }

    /** The (slot, word) pairs of one text, to be merged with {@link #merge}. */
    public static List<Map.Entry<String, String>> slotsOf(String text) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        String previous = null;
        for (String word : words(text)) {
            pairs.add(Map.entry(slot(previous), word));
            previous = word;
        }
        return pairs;
    }

    /** Two lists of a slot's words merged: distinct, capped at {@value #MAX_WORDS}, independent of merge order. */
    public static List<String> merge(List<String> a, List<String> b) {
        TreeSet<String> kept = new TreeSet<>(SPREAD);
        kept.addAll(a);
        kept.addAll(b);
        List<String> out = new ArrayList<>(MAX_WORDS);
        for (String word : kept) {
            if (out.size() == MAX_WORDS) {
                break;
            }
            out.add(word);
        }
        return out;
    }

    /** The words seen in a slot; empty for a slot never seen. */
    public List<String> wordsIn(String slot) {
        return wordsBySlot.getOrDefault(slot, List.of());
    }
}
