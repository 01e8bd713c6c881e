package io.sparkdistill.evaluate.text;

import java.io.Serializable;
import java.util.List;

/**
 * sacreBLEU's chrF corpus statistics: per character order the hypothesis n-grams, reference n-grams and matches of
 * each segment's best reference, summed. Corpus chrF is a function of these sums only, so statistics merged from
 * executors give the chrF of the whole corpus ({@link ChrF#corpusChrf} uses this class).
 */
public final class ChrFStatistics implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long[] stats = new long[ChrF.STATISTICS];

    /** Adds one segment. */
    public ChrFStatistics add(String hypothesis, List<String> references) {
        long[] segment = ChrF.segmentStatistics(hypothesis, references);
        for (int k = 0; k < stats.length; k++) {
            stats[k] += segment[k];
        }
        return this;
    }

    /** Adds another corpus's statistics. */
    public ChrFStatistics merge(ChrFStatistics other) {
        for (int k = 0; k < stats.length; k++) {
            stats[k] += other.stats[k];
        }
        return this;
    }

    /** chrF of the segments added, 0-100. */
    public double score() {
        return ChrF.fScore(stats);
    }
}
