package io.sparkdistill.student.qa;

import io.sparkdistill.evaluate.text.SquadMetrics;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds where an answer stands in its context, as the span of context tokens an extractive student learns to point
 * at. The teacher's answer need not be a verbatim copy: it matches a span whose text is the same after SQuAD's
 * normalisation (case, punctuation, the articles a/an/the, whitespace), the normalisation the student is scored
 * with. When that finds nothing, the answer and the spans are compared with their spaces removed too, so that
 * "window cleaning" still finds "window-cleaning".
 *
 * <p>An answer can occur more than once ("won in 1995 ... founded in 1995"). The occurrence chosen is the one in the
 * sentence sharing most words with the question, which is where a reader would look; then the span whose length is
 * closest to the answer's own (so "the Liss River" keeps its article and "Liss River" does not); then the first.
 */
public final class AnswerLocator {

    /** Extra tokens a matching span may have beyond the answer's: articles and punctuation split words. */
    private static final int SLACK = 3;

    /** A span of context tokens, both ends included. */
    public record Span(int first, int last) {
        public Span {
            if (first < 0 || last < first) {
                throw new IllegalArgumentException("a span needs 0 <= first <= last, got " + first + ".." + last);
            }
        }

        public int length() {
            return last - first + 1;
        }
    }

    /** Why an example whose answer {@link #locate} cannot find is not trained on. */
    public static final String NOT_FOUND = "answer not found in the context";

    private AnswerLocator() {
    }

    /**
     * The span of {@code context} that says {@code answer}, or empty when none does.
     *
     * @param question the question's words, lower-cased (to choose among several occurrences)
     */
    public static Optional<Span> locate(TextTokens context, List<String> question, String answer) {
        String wanted = SquadMetrics.normalize(answer == null ? "" : answer);
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        int answerTokens = Math.max(1, TextTokens.of(answer).size());
        Optional<Span> exact = best(context, question, answerTokens, wanted, false);
        return exact.isPresent() ? exact : best(context, question, answerTokens, wanted.replace(" ", ""), true);
    }

    private static Optional<Span> best(TextTokens context, List<String> question, int answerTokens, String wanted,
                                       boolean compact) {
        Set<String> questionWords = new HashSet<>(question);
        int[] sentenceOverlap = sentenceOverlap(context, questionWords);
        Span best = null;
        for (int first = 0; first < context.size(); first++) {
            int lastAllowed = Math.min(context.size() - 1, first + answerTokens + SLACK - 1);
            for (int last = first; last <= lastAllowed; last++) {
                String normalised = SquadMetrics.normalize(context.span(first, last));
                if (compact) {
                    normalised = normalised.replace(" ", "");
                }
                if (normalised.length() > wanted.length()) {
                    break;
                }
                if (normalised.equals(wanted)) {
                    Span candidate = new Span(first, last);
                    if (best == null || better(candidate, best, context, sentenceOverlap, answerTokens)) {
                        best = candidate;
                    }
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean better(Span candidate, Span current, TextTokens context, int[] sentenceOverlap,
                                  int answerTokens) {
        int overlap = sentenceOverlap[context.get(candidate.first()).sentence()];
        int currentOverlap = sentenceOverlap[context.get(current.first()).sentence()];
        if (overlap != currentOverlap) {
            return overlap > currentOverlap;
        }
        // both in equally good sentences: the closer length wins, and the earlier span keeps a tie
        return Math.abs(candidate.length() - answerTokens) < Math.abs(current.length() - answerTokens);
    }

    /** For each sentence, how many distinct question words it contains. */
    private static int[] sentenceOverlap(TextTokens context, Set<String> questionWords) {
        int sentences = context.size() == 0 ? 0 : context.get(context.size() - 1).sentence() + 1;
        int[] overlap = new int[sentences];
        Set<String> seen = new HashSet<>();
        int sentence = -1;
        for (TextTokens.Token token : context.tokens()) {
            if (token.sentence() != sentence) {
                sentence = token.sentence();
                seen.clear();
            }
            if (questionWords.contains(token.lower()) && seen.add(token.lower())) {
                overlap[sentence]++;
            }
        }
        return overlap;
    }
}
