package io.sparkdistill.evaluate.text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * chrF as sacreBLEU 2.x ({@code sacrebleu/metrics/chrf.py}, checked against 2.6.0) computes it with
 * {@code CHRF()} defaults, i.e. {@code sacrebleu.corpus_chrf(hypotheses, references)}.
 *
 * <p>Conventions reproduced exactly:
 * <ul>
 *   <li>character order 6, word order 0 (plain chrF, not chrF++), beta 2, case kept;</li>
 *   <li>whitespace removed before n-gram extraction ({@code ''.join(line.split())}, Python whitespace); n-grams are
 *       over Unicode code points, as Python indexes strings;</li>
 *   <li>per segment and order the statistics [hypothesis n-grams, reference n-grams, matches]; the hypothesis count
 *       is set to 0 for an order at which the reference has no n-gram;</li>
 *   <li>with several references the segment keeps the statistics of the reference whose own chrF is highest (the
 *       first on ties);</li>
 *   <li>statistics are summed over the corpus, then: precision and recall per order over the orders where both the
 *       hypothesis and the reference have n-grams (the "effective order"), averaged arithmetically, and combined
 *       as F-beta = (1 + beta^2) P R / (beta^2 P + R). This is sacreBLEU's default {@code eps_smoothing=False};
 *       the epsilon smoothing of chrF++.py is an opt-in that we do not use. No effective order, or P + R = 0,
 *       gives 0.</li>
 * </ul>
 * Scores are on sacreBLEU's 0-100 scale.
 */
public final class ChrF {
    /** {@code CHRF.CHAR_ORDER}. */
    public static final int CHAR_ORDER = 6;
    /** {@code CHRF.BETA}. */
    public static final int BETA = 2;
    /** Length of a statistics vector: [hypothesis n-grams, reference n-grams, matches] per order. */
    static final int STATISTICS = 3 * CHAR_ORDER;

    private ChrF() {
    }

    /** {@code sacrebleu.corpus_chrf(hypotheses, references)} with every default, 0-100. */
    public static double corpusChrf(List<String> hypotheses, List<List<String>> references) {
        TextMetricsChecks.sameSize(hypotheses, references);
        ChrFStatistics stats = new ChrFStatistics();
        for (int i = 0; i < hypotheses.size(); i++) {
            stats.add(hypotheses.get(i), references.get(i));
        }
        return stats.score();
    }

    /** {@code sacrebleu.sentence_chrf(hypothesis, references)} with every default, 0-100. */
    public static double sentenceChrf(String hypothesis, List<String> references) {
        return fScore(segmentStatistics(hypothesis, references));
    }

    static long[] segmentStatistics(String hypothesis, List<String> references) {
        if (references.isEmpty()) {
            throw new IllegalArgumentException("a segment needs at least one reference");
        }
        List<Map<String, Integer>> hypNgrams = charNgrams(hypothesis);
        long[] best = null;
        double bestScore = -1.0;
        for (String reference : references) {
            List<Map<String, Integer>> refNgrams = charNgrams(reference);
            long[] stats = new long[STATISTICS];
            for (int n = 0; n < CHAR_ORDER; n++) {
                Map<String, Integer> hyp = hypNgrams.get(n);
                Map<String, Integer> ref = refNgrams.get(n);
                long hypCount = 0;
                long matches = 0;
                for (Map.Entry<String, Integer> e : hyp.entrySet()) {
                    hypCount += e.getValue();
                    Integer refCount = ref.get(e.getKey());
                    if (refCount != null) {
                        matches += Math.min(e.getValue(), refCount);
                    }
                }
                long refCount = 0;
                for (int count : ref.values()) {
                    refCount += count;
                }
                stats[3 * n] = ref.isEmpty() ? 0 : hypCount;
                stats[3 * n + 1] = refCount;
                stats[3 * n + 2] = matches;
            }
            double score = fScore(stats);
            if (score > bestScore) {
                bestScore = score;
                best = stats;
            }
        }
        return best;
    }

    /** Counts of character n-grams of orders 1..6, whitespace removed first. */
    private static List<Map<String, Integer>> charNgrams(String line) {
        int[] cps = PythonText.codePoints(String.join("", PythonText.split(line)));
        Map<String, Integer>[] byOrder = newMaps();
        for (int n = 1; n <= CHAR_ORDER; n++) {
            for (int i = 0; i + n <= cps.length; i++) {
                byOrder[n - 1].merge(new String(cps, i, n), 1, Integer::sum);
            }
        }
        return List.of(byOrder);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Integer>[] newMaps() {
        Map<String, Integer>[] maps = new Map[CHAR_ORDER];
        for (int n = 0; n < CHAR_ORDER; n++) {
            maps[n] = new HashMap<>();
        }
        return maps;
    }

    /** {@code CHRF._compute_f_score} with {@code eps_smoothing=False}. */
    static double fScore(long[] stats) {
        double factor = (double) BETA * BETA;
        double precisionSum = 0;
        double recallSum = 0;
        int effectiveOrder = 0;
        for (int n = 0; n < CHAR_ORDER; n++) {
            long hyp = stats[3 * n];
            long ref = stats[3 * n + 1];
            long match = stats[3 * n + 2];
            if (hyp > 0 && ref > 0) {
                precisionSum += (double) match / hyp;
                recallSum += (double) match / ref;
                effectiveOrder++;
            }
        }
        if (effectiveOrder == 0) {
            return 0.0;
        }
        double precision = precisionSum / effectiveOrder;
        double recall = recallSum / effectiveOrder;
        if (precision + recall == 0) {
            return 0.0;
        }
        return 100 * (1 + factor) * precision * recall / (factor * precision + recall);
    }
}
