package io.sparkdistill.student.summary;

import java.util.Map;
import java.util.TreeMap;

/**
 * How long a summary may be, learnt from the training examples: a high quantile of the lengths of the oracle's
 * extracts ({@link OracleGains}), the extracts that match the training targets best. Those are longer than the
 * targets, since quoted sentences carry words a written summary leaves out, so the targets' own lengths would cut
 * useful sentences.
 */
final class WordLimit {
    /** The limit when no extract was counted: about two long sentences. */
    static final int FALLBACK = 60;

    private WordLimit() {
    }

    /**
     * The smallest length that at least {@code quantile} of the extracts do not exceed.
     *
     * @param lengths how many extracts have each length in words
     */
    static int quantile(Map<Integer, Long> lengths, double quantile) {
        TreeMap<Integer, Long> sorted = new TreeMap<>(lengths);
        sorted.remove(0);
        long total = 0;
        for (long count : sorted.values()) {
            total += count;
        }
        if (total == 0) {
            return FALLBACK;
        }
        long seen = 0;
        for (Map.Entry<Integer, Long> entry : sorted.entrySet()) {
            seen += entry.getValue();
            if (seen >= quantile * total) {
                return entry.getKey();
            }
        }
        return sorted.lastKey();
    }
}
