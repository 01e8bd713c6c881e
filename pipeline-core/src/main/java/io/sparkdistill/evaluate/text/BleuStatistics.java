package io.sparkdistill.evaluate.text;

import java.io.Serializable;
import java.util.List;

/**
 * sacreBLEU's corpus statistics: hypothesis and effective reference lengths and, per order, the clipped matches and
 * the hypothesis n-grams, summed over segments. Corpus BLEU is a function of these sums only, so statistics added
 * on different executors and merged give the BLEU of the whole corpus ({@link SacreBleu#corpusBleu} uses this
 * class).
 */
public final class BleuStatistics implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long[] stats = new long[SacreBleu.STATISTICS];

    /** Adds one segment. */
    public BleuStatistics add(String hypothesis, List<String> references) {
        long[] segment = SacreBleu.segmentStatistics(hypothesis, references);
        for (int k = 0; k < stats.length; k++) {
            stats[k] += segment[k];
        }
        return this;
    }

    /** Adds another corpus's statistics. */
    public BleuStatistics merge(BleuStatistics other) {
        for (int k = 0; k < stats.length; k++) {
            stats[k] += other.stats[k];
        }
        return this;
    }

    /** {@code BLEU().corpus_score} of the segments added. */
    public SacreBleu.BleuScore score() {
        return SacreBleu.computeBleu(stats, false);
    }
}
