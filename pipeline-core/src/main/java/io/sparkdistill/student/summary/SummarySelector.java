package io.sparkdistill.student.summary;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Makes the summary from scored sentences, as the oracle the scorer learnt from would: the best-scored sentence,
 * then every other sentence whose score says it adds to the summary, best first, while the summary stays within
 * its word limit; quoted in document order, less the openings ({@link OpeningCut}) and clauses
 * ({@link ClauseCompressor}) such summaries leave out, and cut after the word budget learnt from the training
 * targets ({@link WordBudget}) when they are shorter than whole sentences.
 *
 * <p>A score estimates a sentence's oracle gain as a share of the document's best sentence's, and the oracle takes
 * exactly the sentences with a gain; a sentence scored below {@value #MIN_GAIN} is taken to add nothing. So the
 * summary is as long as the document's useful sentences make it, as the oracle's extracts were, rather than always
 * filling a fixed length. The word limit stops a document whose every sentence looks useful from being quoted
 * whole.
 */
final class SummarySelector {
    /** The smallest score that counts as a gain: a twentieth of the best sentence's. */
    static final float MIN_GAIN = 0.05f;

    private final int wordLimit;
    private final int wordBudget;
    private final Set<String> droppableClauses;
    private final OpeningCut openingCut;

    /** @param wordBudget words the summary is cut after, {@link WordBudget#NONE} for no cut */
    SummarySelector(int wordLimit, int wordBudget, Set<String> droppableClauses, OpeningCut openingCut) {
        this.wordLimit = wordLimit;
        this.wordBudget = wordBudget;
        this.droppableClauses = droppableClauses;
        this.openingCut = openingCut;
    }

    /** The summary of a document whose sentences got these scores; empty for a document without sentences. */
    String summary(List<String> sentences, int[] words, float[] scores) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i));
        boolean[] chosen = new boolean[sentences.size()];
        int total = 0;
        boolean first = true;
        for (int i : order) {
            if (first || scores[i] >= MIN_GAIN && total + words[i] <= wordLimit) {
                chosen[i] = true;
                total += words[i];
                first = false;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < chosen.length; i++) {
            if (chosen[i]) {
                text.append(text.length() == 0 ? "" : " ")
                        .append(ClauseCompressor.compress(openingCut.apply(sentences.get(i)), droppableClauses));
            }
        }
        return wordBudget == WordBudget.NONE ? text.toString() : RougeWords.prefix(text.toString(), wordBudget);
    }
}
