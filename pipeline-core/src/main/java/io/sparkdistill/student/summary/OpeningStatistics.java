package io.sparkdistill.student.summary;

import io.sparkdistill.evaluate.text.RougeScorer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Learns where {@link OpeningCut} cuts, from the training examples: for every candidate opening of every sentence
 * the oracle quotes ({@link OracleGains}), how much cutting it changed the oracle extract's ROUGE-L F against the
 * target. Counted per example by the family's {@code countedKeys} as {@code opening:<word>:<change in
 * hundredths>}, since the counts are summed over the executors; {@link #learn} turns them into each word's mean
 * change.
 */
final class OpeningStatistics {
    static final String PREFIX = "opening:";
    /** Observations a word needs before it may end an opening: fewer say too little. */
    static final int MIN_SUPPORT = 10;

    private OpeningStatistics() {
    }

    /** One key per candidate opening of the oracle's sentences, with what cutting it did to the extract. */
    static List<String> observations(List<String> sentences, float[] gains, String target) {
        List<String> chosen = OracleGains.chosen(sentences, gains);
        List<String> keys = new ArrayList<>();
        double whole = rougeL(target, chosen);
        for (int c = 0; c < chosen.size(); c++) {
            for (OpeningCut.Candidate candidate : OpeningCut.candidates(chosen.get(c))) {
                List<String> shorter = new ArrayList<>(chosen);
                shorter.set(c, OpeningCut.without(chosen.get(c), candidate.end()));
                long hundredths = Math.round(100 * (rougeL(target, shorter) - whole));
                keys.add(PREFIX + candidate.word() + ":" + hundredths);
            }
        }
        return keys;
    }

    /**
     * The sentences with each of the oracle's cut after the candidate that raises the extract's ROUGE-L most, or
     * whole when none does: the extracts the learnt cut aims at, on which the word budget is learnt
     * ({@link WordBudget}), since a budget learnt on whole sentences would be too long for cut ones.
     */
    static List<String> bestCuts(List<String> sentences, float[] gains, String target) {
        List<String> cut = new ArrayList<>(sentences);
        List<String> chosen = OracleGains.chosen(sentences, gains);
        double whole = rougeL(target, chosen);
        for (int i = 0, c = 0; i < sentences.size(); i++) {
            if (gains[i] > 0) {
                double best = whole;
                for (OpeningCut.Candidate candidate : OpeningCut.candidates(sentences.get(i))) {
                    List<String> shorter = new ArrayList<>(chosen);
                    shorter.set(c, OpeningCut.without(sentences.get(i), candidate.end()));
                    double score = rougeL(target, shorter);
                    if (score > best) {
                        best = score;
                        cut.set(i, shorter.get(c));
                    }
                }
                c++;
            }
        }
        return cut;
    }

    /** The cut whose words were seen often enough and gained on average, with their mean gains. */
    static OpeningCut learn(Map<String, Long> counts) {
        Map<String, long[]> sums = new HashMap<>();
        counts.forEach((key, count) -> {
            if (key.startsWith(PREFIX)) {
                int colon = key.lastIndexOf(':');
                long[] sum = sums.computeIfAbsent(key.substring(PREFIX.length(), colon), word -> new long[2]);
                sum[0] += Long.parseLong(key.substring(colon + 1)) * count;
                sum[1] += count;
            }
        });
        Map<String, Double> gains = new TreeMap<>();
        sums.forEach((word, sum) -> {
            if (sum[1] >= MIN_SUPPORT && sum[0] > 0) {
                gains.put(word, sum[0] / 100.0 / sum[1]);
            }
        });
        return new OpeningCut(gains);
    }

    private static double rougeL(String target, List<String> extract) {
        return RougeScorer.score(target, String.join(" ", extract)).rougeL().fmeasure();
    }
}
