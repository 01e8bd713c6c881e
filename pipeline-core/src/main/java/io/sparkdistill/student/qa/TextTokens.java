package io.sparkdistill.student.qa;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A text cut into word tokens that remember where they stand in it, so that a span of tokens the student points at
 * can be answered with the text's own characters (casing, inner punctuation and all).
 *
 * <p>A token is a run of letters and digits; an apostrophe between letters stays inside it ("O'Neill"), and so does a
 * point or comma between digits, so that numbers such as "29,000" or "3.5" are one token. Everything else separates
 * tokens. Each token also knows its sentence (sentences end at '.', '!' or '?' followed by a space or the end, not
 * inside a number) and whether punctuation touches it on either side: cues of where answers begin and end.
 */
public final class TextTokens {

    /**
     * One token: its characters {@code [start, end)} in the text, its lower-cased form, its sentence, and the nearest
     * character other than whitespace before and after it (a space when there is none).
     */
    public record Token(int start, int end, String lower, int sentence, char before, char after) {
    }

    private final String text;
    private final List<Token> tokens;

    private TextTokens(String text, List<Token> tokens) {
        this.text = text;
        this.tokens = tokens;
    }

    /** The tokens of {@code text} (null reads as empty). */
    public static TextTokens of(String text) {
        String source = text == null ? "" : text;
        List<Token> tokens = new ArrayList<>();
        int sentence = 0;
        int i = 0;
        while (i < source.length()) {
            if (!Character.isLetterOrDigit(source.charAt(i))) {
                boolean sentenceHasWords = !tokens.isEmpty() && tokens.get(tokens.size() - 1).sentence == sentence;
                if (endsSentence(source, i) && sentenceHasWords) {
                    sentence++;
                }
                i++;
                continue;
            }
            int start = i;
            while (i < source.length() && (Character.isLetterOrDigit(source.charAt(i)) || joins(source, i))) {
                i++;
            }
            tokens.add(new Token(start, i, source.substring(start, i).toLowerCase(Locale.ROOT), sentence,
                    visible(source, start - 1, -1), visible(source, i, 1)));
        }
        return new TextTokens(source, List.copyOf(tokens));
    }

    /** The first character other than whitespace from {@code i} in direction {@code step}, or a space. */
    private static char visible(String s, int i, int step) {
        for (int j = i; j >= 0 && j < s.length(); j += step) {
            if (!Character.isWhitespace(s.charAt(j))) {
                return s.charAt(j);
            }
        }
        return ' ';
    }

    /** An apostrophe between letters, or a point or comma between digits, belongs to the word around it. */
    private static boolean joins(String s, int i) {
        if (i == 0 || i + 1 >= s.length()) {
            return false;
        }
        char c = s.charAt(i);
        char previous = s.charAt(i - 1);
        char next = s.charAt(i + 1);
        if (c == '\'' || c == '\u2019') {
            return Character.isLetter(previous) && Character.isLetter(next);
        }
        return (c == '.' || c == ',') && Character.isDigit(previous) && Character.isDigit(next);
    }

    private static boolean endsSentence(String s, int i) {
        char c = s.charAt(i);
        return (c == '.' || c == '!' || c == '?') && (i + 1 == s.length() || Character.isWhitespace(s.charAt(i + 1)));
    }

    public int size() {
        return tokens.size();
    }

    public Token get(int index) {
        return tokens.get(index);
    }

    public List<Token> tokens() {
        return tokens;
    }

    /** The lower-cased words, in order. */
    public List<String> words() {
        List<String> words = new ArrayList<>(tokens.size());
        for (Token token : tokens) {
            words.add(token.lower());
        }
        return words;
    }

    /** The text's characters from token {@code first}'s start to token {@code last}'s end, both included. */
    public String span(int first, int last) {
        return text.substring(tokens.get(first).start(), tokens.get(last).end());
    }

    /**
     * The span as an answer: its characters, widened over a currency sign just before it and a percent or degree
     * sign just after it (they belong to the amount), but never over the sentence's closing punctuation.
     */
    public String answer(int first, int last) {
        int start = tokens.get(first).start();
        int end = tokens.get(last).end();
        if (start > 0 && Character.getType(text.charAt(start - 1)) == Character.CURRENCY_SYMBOL) {
            start--;
        }
        if (end < text.length() && (text.charAt(end) == '%' || text.charAt(end) == '\u00b0')) {
            end++;
        }
        return text.substring(start, end);
    }
}
