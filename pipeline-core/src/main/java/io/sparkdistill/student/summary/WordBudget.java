package io.sparkdistill.student.summary;

import io.sparkdistill.evaluate.text.RougeScorer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a summary is cut, learnt from the training examples: the number of words at which the oracle's extracts
 * ({@link OracleGains}), their sentences' openings cut where that helped ({@link OpeningStatistics#bestCuts}) and
 * the whole cut after that many words, match their targets best in ROUGE-L F on average, or no cut when the whole
 * extracts match best.
 *
 * <p>Whole sentences can be much longer than a data set's summaries (a one-line synopsis of a paragraph), and the
 * F-measure then pays for every quoted word the target lacks; the start of the best sentences, cut where the
 * precision lost no longer buys recall, scores better there. Where summaries run to whole sentences the uncut
 * extracts win and nothing is cut. The budgets are compared on sums of counts, since the family's counts are
 * summed over the training examples on the executors: each example counts, per budget, the key
 * {@code budget:<words>:<ROUGE-L F in hundredths>} once ({@code <words>} 0 for the uncut extract), and
 * {@link #learn} sums the hundredths per budget.
 */
final class WordBudget {
    /** No cut: the whole selection is the summary. */
    static final int NONE = 0;
    static final String KEY = "budget:";
    /** The cuts tried, in words: finer where synopses' lengths lie. */
    static final int[] GRID = {4, 5, 6, 7, 8, 9, 10, 12, 14, 16, 18, 20, 24, 28, 32, 40, 48, 56, 64, 80};

    private WordBudget() {
    }

    /** The keys of one example: for the uncut extract and each cut, its ROUGE-L F against the target. */
    static List<String> observations(List<String> sentences, float[] gains, String target) {
        String whole = String.join(" ", OracleGains.chosen(sentences, gains));
        List<String> keys = new ArrayList<>();
        if (whole.isEmpty()) {
            return keys;
        }
        keys.add(key(NONE, whole, target));
        for (int words : GRID) {
            keys.add(key(words, RougeWords.prefix(whole, words), target));
        }
        return keys;
    }

    private static String key(int words, String text, String target) {
        long hundredths = Math.round(100 * RougeScorer.score(target, text).rougeL().fmeasure());
        return KEY + words + ":" + hundredths;
    }

    /** The cut whose summed ROUGE-L is highest, {@link #NONE} if the uncut extracts' is as high or none counted. */
    static int learn(Map<String, Long> counts) {
        Map<Integer, Long> sums = new HashMap<>();
        counts.forEach((key, count) -> {
            if (key.startsWith(KEY)) {
                String[] parts = key.substring(KEY.length()).split(":");
                sums.merge(Integer.parseInt(parts[0]), Long.parseLong(parts[1]) * count, Long::sum);
            }
        });
        int best = NONE;
        long bestSum = sums.getOrDefault(NONE, 0L);
        for (int words : GRID) {
            long sum = sums.getOrDefault(words, 0L);
            if (sum > bestSum) {
                best = words;
                bestSum = sum;
            }
        }
        return best;
    }
}
