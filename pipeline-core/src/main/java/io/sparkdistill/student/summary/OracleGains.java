package io.sparkdistill.student.summary;

import io.sparkdistill.evaluate.text.RougeScorer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The soft target of each sentence: how much it adds to the ROUGE of an extract against the target summary, as a
 * greedy oracle builds the extract. The oracle starts empty and keeps adding the sentence that raises the extract's
 * score most (the mean of the ROUGE-1, ROUGE-2 and ROUGE-L F-measures, the sentences in document order) until no
 * sentence raises it; a sentence's gain is what it added, 0 if it was never added. Gains are divided by the
 * document's largest, so the most useful sentence gets 1 whatever the summary's length.
 *
 * <p>The scorer thus learns the teacher's own summaries, even abstractive ones: a sentence the teacher paraphrased
 * still gains through the words it shares. With several target summaries (the teacher's n completions) each
 * sentence gets the mean of its normalised gains, a softer target where the completions disagree.
 */
public final class OracleGains {
    private OracleGains() {
    }

    /** Each sentence's mean normalised gain over the targets; all 0 when no sentence shares a word with any. */
    public static float[] of(List<String> sentences, List<String> targets) {
        float[] mean = new float[sentences.size()];
        for (String target : targets) {
            float[] gains = gains(sentences, target);
            for (int i = 0; i < mean.length; i++) {
                mean[i] += gains[i] / targets.size();
            }
        }
        return mean;
    }

    /** The sentences the oracle chose (a positive gain), in document order: the oracle's extract. */
    static List<String> chosen(List<String> sentences, float[] gains) {
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            if (gains[i] > 0) {
                chosen.add(sentences.get(i));
            }
        }
        return chosen;
    }

    /** Normalised greedy gains against one target. */
    static float[] gains(List<String> sentences, String target) {
        Map<String, Integer> ids = new HashMap<>();
        int[] targetIds = ids(RougeScorer.tokenize(target), ids);
        int n = sentences.size();
        int[][] sentenceIds = new int[n][];
        for (int i = 0; i < n; i++) {
            sentenceIds[i] = ids(RougeScorer.tokenize(sentences.get(i)), ids);
        }
        TokenRouge rouge = new TokenRouge(targetIds, ids.size());
        float[] gains = new float[n];
        boolean[] chosen = new boolean[n];
        double score = 0;
        double largest = 0;
        for (int step = 0; step < n; step++) {
            int best = -1;
            double bestScore = score;
            for (int i = 0; i < n; i++) {
                if (!chosen[i]) {
                    chosen[i] = true;
                    double candidate = rouge.meanF(extract(sentenceIds, chosen));
                    chosen[i] = false;
                    if (candidate > bestScore + 1e-9) {
                        best = i;
                        bestScore = candidate;
                    }
                }
            }
            if (best < 0) {
                break;
            }
            chosen[best] = true;
            gains[best] = (float) (bestScore - score);
            largest = Math.max(largest, bestScore - score);
            score = bestScore;
        }
        if (largest > 0) {
            for (int i = 0; i < n; i++) {
                gains[i] /= (float) largest;
            }
        }
        return gains;
    }

    private static int[] ids(List<String> tokens, Map<String, Integer> ids) {
        int[] out = new int[tokens.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.computeIfAbsent(tokens.get(i), word -> ids.size());
        }
        return out;
    }

    /** The word ids of the chosen sentences, in document order: the text ROUGE would score, joined. */
    private static int[] extract(int[][] sentences, boolean[] chosen) {
        int length = 0;
        for (int i = 0; i < chosen.length; i++) {
            length += chosen[i] ? sentences[i].length : 0;
        }
        int[] out = new int[length];
        int at = 0;
        for (int i = 0; i < chosen.length; i++) {
            if (chosen[i]) {
                System.arraycopy(sentences[i], 0, out, at, sentences[i].length);
                at += sentences[i].length;
            }
        }
        return out;
    }
}
