package io.sparkdistill.student.summary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Shortens a quoted sentence by leaving out a clause that summaries of this kind leave out: a leading clause set
 * off by a comma or colon ("On Tuesday, ...", "Action item: ..."), a trailing one after the last comma
 * ("..., said the mayor."), or a parenthesis.
 *
 * <p>Which clauses go is learnt, not listed: each clause is known by where it sits and its first word
 * ({@code "lead:after"}, {@code "trail:said"}, {@code "paren"}), and the family counts, over the training
 * examples' oracle sentences, how often leaving such a clause out raised the extract's ROUGE against the target,
 * and only clauses that mostly did are dropped ({@link ClauseStatistics}). A clause is a
 * candidate only while it is at most a third of the sentence, so what is left is still the sentence's core.
 */
final class ClauseCompressor {
    static final String LEAD = "lead:";
    static final String TRAIL = "trail:";
    static final String PARENTHESIS = "paren";

    /** A clause that could go: its key and where it sits in the sentence, {@code [from, to)}. */
    record Clause(String key, int from, int to) {
    }

    private ClauseCompressor() {
    }

    /** The sentence without those of its clauses whose key is in {@code droppable}. */
    static String compress(String sentence, Set<String> droppable) {
        if (droppable.isEmpty()) {
            return sentence;
        }
        String result = sentence;
        // right to left, so that the earlier clauses' offsets stay valid
        List<Clause> clauses = clauses(sentence);
        for (int i = clauses.size() - 1; i >= 0; i--) {
            Clause clause = clauses.get(i);
            if (droppable.contains(clause.key())) {
                result = without(result, clause);
            }
        }
        return result;
    }

    /** The sentence with one clause left out, its first letter capitalised again if the lead went. */
    static String without(String sentence, Clause clause) {
        String rest = (sentence.substring(0, clause.from()) + sentence.substring(clause.to())).strip();
        if (clause.from() == 0 && !rest.isEmpty()) {
            rest = Character.toUpperCase(rest.charAt(0)) + rest.substring(1);
        }
        return rest;
    }

    /** The sentence's candidate clauses, in order (a lead, parentheses, a trail), none overlapping. */
    static List<Clause> clauses(String sentence) {
        int words = RougeWords.count(sentence);
        List<Clause> clauses = new ArrayList<>();
        int leadEnd = firstOf(sentence, ",:");
        if (leadEnd > 0 && small(sentence.substring(0, leadEnd), words)) {
            clauses.add(new Clause(LEAD + firstWord(sentence, 0), 0, skipSpaces(sentence, leadEnd + 1)));
        }
        int from = clauses.isEmpty() ? 0 : clauses.get(0).to();
        int open = sentence.indexOf('(', from);
        while (open >= 0) {
            int close = sentence.indexOf(')', open);
            if (close < 0) {
                break;
            }
            if (small(sentence.substring(open, close), words)) {
                int start = open > 0 && sentence.charAt(open - 1) == ' ' ? open - 1 : open;
                clauses.add(new Clause(PARENTHESIS, start, close + 1));
            }
            from = close + 1;
            open = sentence.indexOf('(', from);
        }
        int end = endOfText(sentence);
        int trailStart = sentence.lastIndexOf(',', end - 1);
        if (trailStart >= from && trailStart > 0 && sentence.indexOf(')', trailStart) < 0
                && small(sentence.substring(trailStart, end), words)) {
            clauses.add(new Clause(TRAIL + firstWord(sentence, trailStart + 1), trailStart, end));
        }
        return clauses;
    }

    /** At most a third of the sentence's words, and at least one. */
    private static boolean small(String part, int sentenceWords) {
        int words = RougeWords.count(part);
        return words > 0 && 3 * words <= sentenceWords;
    }

    private static int firstOf(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (characters.indexOf(c) >= 0) {
                return i;
            }
            if (c == '(' || c == '"' || c == '\u201c') {
                return -1;
            }
        }
        return -1;
    }

    /** Where the sentence's text ends, before its final punctuation and closing quotes. */
    private static int endOfText(String sentence) {
        int end = sentence.length();
        while (end > 0 && ".!?\u2026\"'\u201d\u2019".indexOf(sentence.charAt(end - 1)) >= 0) {
            end--;
        }
        return end;
    }

    private static int skipSpaces(String text, int at) {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    /** The first word at or after {@code at}, lower-cased. */
    private static String firstWord(String text, int at) {
        int start = at;
        while (start < text.length() && !Character.isLetterOrDigit(text.charAt(start))) {
            start++;
        }
        int end = start;
        while (end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
            end++;
        }
        return text.substring(start, end).toLowerCase(Locale.ROOT);
    }
}
