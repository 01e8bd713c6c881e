package io.sparkdistill.student.summary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Cuts a document into sentences, the units an extractive summary is made of.
 *
 * <p>A sentence ends at '.', '!', '?' or '…' (or a run of them), after any closing quotes and brackets, where
 * whitespace follows and the next text starts like a sentence (a capital letter, a digit, an opening quote or
 * bracket), or at the end of the text; a blank line always ends one. Requiring a sentence-like start keeps a quote
 * that ends in '?' before "she asked" in its sentence; a point inside a number ({@code 32.7}, {@code 3.5%}) or an
 * address is never followed by whitespace, so it never cuts. A point after a known abbreviation ({@code Dr.},
 * {@code e.g.}, {@code approx.}), an initial ({@code J. Smith}) or a dotted acronym ({@code U.S.}) does not end a
 * sentence either: a wrong cut there would leave a fragment the summary could pick on its own.
 *
 * <p>Each sentence is the exact text between the cuts, trimmed, so a summary made of them quotes the document.
 */
public final class SentenceSplitter {

    /**
     * Abbreviations whose point is (almost) never a sentence's last, lower-cased, without their final point. Ones
     * that are also common words ("no", "sat", "sun", "min") are left out or only count before a number.
     */
    private static final Set<String> ABBREVIATIONS = Set.of(
            "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "rev", "hon", "gen", "col", "lt", "sgt", "capt",
            "gov", "sen", "rep", "pres", "vs", "e.g", "i.e", "cf", "approx", "appx", "ca", "dept", "inc", "ltd",
            "co", "corp", "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
            "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "a.m", "p.m", "ph.d", "u.s", "u.k", "e.u",
            "u.n");

    /** Abbreviations that announce a number ("No. 5", "pp. 12"), so they only count when one follows. */
    private static final Set<String> BEFORE_NUMBERS = Set.of("no", "nos", "vol", "pp", "fig", "figs", "art", "ch");

    private static final Pattern DOTTED_ACRONYM = Pattern.compile("(\\p{L}\\.)+\\p{L}");
    private static final String CLOSERS = "\"'\u201d\u2019)]}\u00bb";
    private static final String OPENERS = "\"'\u201c\u2018([{\u00ab";

    /** The sentences of {@code text}, in order; none for a text without any non-blank character. */
    public List<String> split(String text) {
        List<String> sentences = new ArrayList<>();
        if (text == null) {
            return sentences;
        }
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (isTerminal(c)) {
                int end = i + 1;
                while (end < text.length() && isTerminal(text.charAt(end))) {
                    end++;
                }
                while (end < text.length() && CLOSERS.indexOf(text.charAt(end)) >= 0) {
                    end++;
                }
                if (endsSentence(text, start, i, end)) {
                    add(sentences, text, start, end);
                    start = end;
                }
                i = end;
            } else if (c == '\n' && blankLineFollows(text, i)) {
                add(sentences, text, start, i);
                start = i + 1;
                i++;
            } else {
                i++;
            }
        }
        add(sentences, text, start, text.length());
        return sentences;
    }

    private static boolean isTerminal(char c) {
        return c == '.' || c == '!' || c == '?' || c == '\u2026';
    }

    /**
     * Whether the terminal run at {@code [point, end)} ends the sentence begun at {@code start}: at the end of the
     * text, or before whitespace and a sentence-like start, unless a lone point closes an abbreviation.
     */
    private static boolean endsSentence(String text, int start, int point, int end) {
        int next = end;
        while (next < text.length() && Character.isWhitespace(text.charAt(next))) {
            next++;
        }
        if (next == text.length()) {
            return true;
        }
        if (next == end || !startsLikeSentence(text.charAt(next))) {
            return false;
        }
        boolean lonePoint = text.charAt(point) == '.' && end - point == 1;
        return !(lonePoint && abbreviated(wordBefore(text, start, point), Character.isDigit(text.charAt(next))));
    }

    private static boolean startsLikeSentence(char c) {
        return Character.isUpperCase(c) || Character.isDigit(c) || OPENERS.indexOf(c) >= 0
                || Character.isLetter(c) && !Character.isLowerCase(c);
    }

    /** The text between the last whitespace (or opening bracket or quote) before {@code point} and the point. */
    private static String wordBefore(String text, int start, int point) {
        int from = point;
        while (from > start && !Character.isWhitespace(text.charAt(from - 1))
                && OPENERS.indexOf(text.charAt(from - 1)) < 0) {
            from--;
        }
        return text.substring(from, point);
    }

    /** A known abbreviation, a single-letter initial, or a dotted acronym such as "U.S" or "e.g". */
    private static boolean abbreviated(String word, boolean numberFollows) {
        if (word.isEmpty()) {
            return false;
        }
        if (word.length() == 1 && Character.isLetter(word.charAt(0))) {
            return true;
        }
        String lower = word.toLowerCase(Locale.ROOT);
        return ABBREVIATIONS.contains(lower) || numberFollows && BEFORE_NUMBERS.contains(lower)
                || DOTTED_ACRONYM.matcher(lower).matches();
    }

    private static boolean blankLineFollows(String text, int newline) {
        for (int j = newline + 1; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == '\n') {
                return true;
            }
            if (!Character.isWhitespace(c)) {
                return false;
            }
        }
        return false;
    }

    private static void add(List<String> sentences, String text, int from, int to) {
        String sentence = text.substring(from, to).strip();
        if (!sentence.isEmpty()) {
            sentences.add(sentence);
        }
    }
}
