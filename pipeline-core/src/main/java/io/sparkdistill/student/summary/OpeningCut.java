package io.sparkdistill.student.summary;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Leaves out the opening of a quoted sentence, up to and including a word after which summaries of this kind
 * start: the subject and verb a one-line synopsis does without ("Foo is a library for ..." becomes "Library for
 * ..."), where a quoted sentence keeps them.
 *
 * <p>Which words end such an opening is learnt, not listed ({@link OpeningStatistics}): each candidate is the first
 * occurrence of a word among the sentence's first third of words, and the family learns, per word, how much
 * cutting there raised the oracle extract's ROUGE-L against the target on average. A sentence is cut after its
 * candidate with the highest learnt gain, and left whole when no candidate's gain is positive, so data whose
 * summaries quote whole sentences learn no gains and nothing is cut. Only the first third may go, so what is left
 * is still most of the sentence.
 */
final class OpeningCut implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The cut: nothing is left out. */
    static final OpeningCut NONE = new OpeningCut(Map.of());
    private static final String JOINING_PUNCTUATION = ",;:-\u2013\u2014";
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9]+");

    /** A place the opening could end: the word, lower-cased, and the offset just after it. */
    record Candidate(String word, int end) {
    }

    private final Map<String, Double> gains;

    /** @param gains each opening-ending word's mean ROUGE-L gain; only positive ones are ever cut after */
    OpeningCut(Map<String, Double> gains) {
        this.gains = Map.copyOf(gains);
    }

    Map<String, Double> gains() {
        return gains;
    }

    /** The sentence less its opening through its best-gaining candidate, or whole when none gains. */
    String apply(String sentence) {
        if (gains.isEmpty()) {
            return sentence;
        }
        double best = 0;
        int end = 0;
        for (Candidate candidate : candidates(sentence)) {
            double gain = gains.getOrDefault(candidate.word(), 0.0);
            if (gain > best) {
                best = gain;
                end = candidate.end();
            }
        }
        return end == 0 ? sentence : without(sentence, end);
    }

    /**
     * The sentence from {@code end} on, less the punctuation that joined it to the opening ("Action item: ..."), its
     * first letter capitalised as a sentence's.
     */
    static String without(String sentence, int end) {
        int from = end;
        while (from < sentence.length() && (Character.isWhitespace(sentence.charAt(from))
                || JOINING_PUNCTUATION.indexOf(sentence.charAt(from)) >= 0)) {
            from++;
        }
        String rest = sentence.substring(from);
        return rest.isEmpty() ? rest : Character.toUpperCase(rest.charAt(0)) + rest.substring(1);
    }

    /** The first occurrence of each distinct word among the first third of the sentence's words. */
    static List<Candidate> candidates(String sentence) {
        List<Candidate> candidates = new ArrayList<>();
        int head = RougeWords.count(sentence) / 3;
        Set<String> seen = new HashSet<>();
        Matcher word = WORD.matcher(sentence);
        for (int i = 0; i < head && word.find(); i++) {
            String lower = word.group().toLowerCase(Locale.ROOT);
            if (seen.add(lower)) {
                candidates.add(new Candidate(lower, word.end()));
            }
        }
        return candidates;
    }
}
