package io.sparkdistill.evaluate.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Cuts a text into sentences for the baselines that pick or keep whole sentences (lead-k, best-overlap). Naive
 * splitting on ". " would cut "Dr. Tanaka" and "e.g. the" in two and would shorten a lead-3 summary, so a sentence
 * ends only where all of these hold:
 * <ul>
 *   <li>a run of {@code . ! ? …} is followed, after any closing quotes or brackets, by whitespace: "3.5", "a.m." and
 *       "example.com" never end one;</li>
 *   <li>the next word does not begin with a lower-case letter: "e.g. the" and "\"Wait!\" she said" go on;</li>
 *   <li>a single period does not close a known abbreviation that comes before a name or a number ("Dr.", "Mr.",
 *       "St.", "Jan."), a dotted initialism of single letters ("e.g.", "U.S.") or a one-letter initial
 *       ("J. Smith").</li>
 * </ul>
 * A blank line always ends a sentence (paragraphs, list items). Sentences are returned stripped, with their own
 * punctuation and quotes. The price of the abbreviation rules: a sentence that really ends with "U.S." or an initial
 * is joined to the next one, a small loss for a baseline.
 */
public final class SentenceSplitter {
    /** Abbreviations that are followed by a capitalised name or a number, so the capital proves nothing. */
    private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "prof", "st", "mt", "jr", "sr",
            "rev", "hon", "gen", "col", "capt", "lt", "sgt", "gov", "sen", "rep", "pres", "fig", "vs", "cf",
            "approx", "al", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec");
    /** Single letters joined by periods, the last period being the one looked at: "e.g", "U.S", "a.m". */
    private static final Pattern INITIALISM = Pattern.compile("(?:\\p{L}\\.)+\\p{L}");
    private static final String TERMINATORS = ".!?\u2026";
    private static final String CLOSERS = "\"')]}\u201d\u2019\u00bb";

    private SentenceSplitter() {
    }

    /** The sentences of {@code text} in order; none for a blank text. */
    public static List<String> sentences(String text) {
        List<String> sentences = new ArrayList<>();
        int start = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n' && blankLineFollows(text, i)) {
                add(sentences, text.substring(start, i));
                start = i = skipSpace(text, i);
            } else if (TERMINATORS.indexOf(c) >= 0) {
                int end = i;
                while (end < n && TERMINATORS.indexOf(text.charAt(end)) >= 0) {
                    end++;
                }
                boolean singlePeriod = c == '.' && end == i + 1;
                while (end < n && CLOSERS.indexOf(text.charAt(end)) >= 0) {
                    end++;
                }
                int next = skipSpace(text, end);
                if (next > end && next < n && !Character.isLowerCase(text.charAt(next))
                        && !(singlePeriod && abbreviationBefore(text, i))) {
                    add(sentences, text.substring(start, end));
                    start = next;
                }
                i = end;
            } else {
                i++;
            }
        }
        add(sentences, text.substring(start));
        return sentences;
    }

    /** Whether the word ending just before the period at {@code period} is an abbreviation or an initial. */
    private static boolean abbreviationBefore(String text, int period) {
        int from = period;
        while (from > 0 && (Character.isLetter(text.charAt(from - 1)) || text.charAt(from - 1) == '.')) {
            from--;
        }
        String word = text.substring(from, period);
        if (word.isEmpty()) {
            return false;
        }
        boolean initial = word.length() == 1 && Character.isUpperCase(word.charAt(0));
        return initial || INITIALISM.matcher(word).matches()
                || ABBREVIATIONS.contains(word.toLowerCase(Locale.ROOT));
    }

    /** Whether the whitespace run holding the line break at {@code newline} holds another line break. */
    private static boolean blankLineFollows(String text, int newline) {
        for (int j = newline + 1; j < text.length() && Character.isWhitespace(text.charAt(j)); j++) {
            if (text.charAt(j) == '\n') {
                return true;
            }
        }
        return false;
    }

    private static int skipSpace(String text, int from) {
        int j = from;
        while (j < text.length() && (Character.isWhitespace(text.charAt(j)) || Character.isSpaceChar(text.charAt(j)))) {
            j++;
        }
        return j;
    }

    private static void add(List<String> sentences, String sentence) {
        String stripped = sentence.strip();
        if (!stripped.isEmpty()) {
            sentences.add(stripped);
        }
    }
}
