package io.sparkdistill.evaluate.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ROUGE-1, ROUGE-2 and ROUGE-L F-measures as Google's {@code rouge-score} package (google-research
 * {@code rouge/rouge_scorer.py}, PyPI {@code rouge-score} 0.1.2) computes them with
 * {@code RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=False)}.
 *
 * <p>Conventions reproduced exactly:
 * <ul>
 *   <li><b>tokenizer</b> ({@code tokenize.tokenize} of its {@code DefaultTokenizer}): Python {@code lower()}, every
 *       run of characters outside {@code [a-z0-9]} becomes a space, split, drop empty tokens. Hence the tokens are
 *       the maximal runs of ASCII lower-case letters and digits: accented letters and non-Latin scripts vanish,
 *       "don't" is "don" and "t". No stemming.</li>
 *   <li><b>rougeN</b>: overlap = sum over the reference's n-grams of min(count in reference, count in
 *       prediction); precision = overlap / max(prediction n-grams, 1), recall = overlap / max(reference n-grams, 1);
 *       F = 2PR / (P + R), or 0 when P + R = 0.</li>
 *   <li><b>rougeL</b>: sentence-level LCS over the whole token sequence (newlines are ordinary separators; this is
 *       not {@code rougeLsum}); P = LCS / prediction tokens, R = LCS / reference tokens; all 0 when either side
 *       has no token.</li>
 *   <li><b>several references</b>: as {@code score_multi}, each ROUGE type independently takes the reference with
 *       the highest F-measure (the first such on ties), so rouge1 and rougeL may come from different
 *       references.</li>
 *   <li><b>corpus</b>: the plain mean of per-example F-measures (what the bootstrap aggregator reports as
 *       {@code mid}, and what Hugging Face {@code evaluate} reports with {@code use_aggregator=False} then
 *       averaged), on the package's 0-1 scale.</li>
 * </ul>
 */
public final class RougeScorer {
    private static final Pattern TOKEN = Pattern.compile("[a-z0-9]+");

    /** Precision, recall and F-measure of one ROUGE type on one example, in [0, 1]. */
    public record Score(double precision, double recall, double fmeasure) {
        static final Score ZERO = new Score(0, 0, 0);

        static Score of(double precision, double recall) {
            double f = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
            return new Score(precision, recall, f);
        }
    }

    /** ROUGE-1, ROUGE-2 and ROUGE-L of one example. */
    public record ExampleScores(Score rouge1, Score rouge2, Score rougeL) {
    }

    /** Mean F-measures over a corpus, on the 0-1 scale. */
    public record Scores(double rouge1, double rouge2, double rougeL, int count) {
    }

    private RougeScorer() {
    }

    /** The package's default tokenizer without stemming. */
    public static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(PythonText.lower(text));
        while (m.find()) {
            tokens.add(m.group());
        }
        return tokens;
    }

    /** {@code RougeScorer.score(target, prediction)}: one reference. */
    public static ExampleScores score(String reference, String prediction) {
        List<String> target = tokenize(reference);
        List<String> predicted = tokenize(prediction);
        return new ExampleScores(ngramScore(target, predicted, 1), ngramScore(target, predicted, 2),
                lcsScore(target, predicted));
    }

    /** {@code RougeScorer.score_multi(targets, prediction)}: per type, the reference with the best F-measure. */
    public static ExampleScores scoreMulti(List<String> references, String prediction) {
        if (references.isEmpty()) {
            throw new IllegalArgumentException("an example needs at least one reference");
        }
        Score r1 = null;
        Score r2 = null;
        Score rl = null;
        for (String reference : references) {
            ExampleScores s = score(reference, prediction);
            r1 = better(r1, s.rouge1());
            r2 = better(r2, s.rouge2());
            rl = better(rl, s.rougeL());
        }
        return new ExampleScores(r1, r2, rl);
    }

    /** Mean F-measures: {@code predictions.get(i)} is scored against {@code references.get(i)}. */
    public static Scores score(List<String> predictions, List<List<String>> references) {
        RougeStatistics stats = new RougeStatistics();
        stats.addAll(predictions, references);
        return stats.scores();
    }

    /** np.argmax keeps the first maximum: a later reference replaces the best only when strictly better. */
    private static Score better(Score best, Score candidate) {
        return best == null || candidate.fmeasure() > best.fmeasure() ? candidate : best;
    }

    private static Score ngramScore(List<String> target, List<String> predicted, int n) {
        Map<List<String>, Integer> targetNgrams = ngrams(target, n);
        Map<List<String>, Integer> predictedNgrams = ngrams(predicted, n);
        long overlap = 0;
        for (Map.Entry<List<String>, Integer> e : targetNgrams.entrySet()) {
            overlap += Math.min(e.getValue(), predictedNgrams.getOrDefault(e.getKey(), 0));
        }
        int targetCount = Math.max(0, target.size() - n + 1);
        int predictedCount = Math.max(0, predicted.size() - n + 1);
        return Score.of((double) overlap / Math.max(predictedCount, 1), (double) overlap / Math.max(targetCount, 1));
    }

    private static Map<List<String>, Integer> ngrams(List<String> tokens, int n) {
        Map<List<String>, Integer> counts = new HashMap<>();
        for (int i = 0; i + n <= tokens.size(); i++) {
            counts.merge(tokens.subList(i, i + n), 1, Integer::sum);
        }
        return counts;
    }

    private static Score lcsScore(List<String> target, List<String> predicted) {
        if (target.isEmpty() || predicted.isEmpty()) {
            return Score.ZERO;
        }
        int lcs = lcsLength(target, predicted);
        return Score.of((double) lcs / predicted.size(), (double) lcs / target.size());
    }

    /** Length of the longest common subsequence, by dynamic programming over two rolling rows. */
    static int lcsLength(List<String> a, List<String> b) {
        int[] previous = new int[b.size() + 1];
        int[] current = new int[b.size() + 1];
        for (int i = 1; i <= a.size(); i++) {
            for (int j = 1; j <= b.size(); j++) {
                current[j] = a.get(i - 1).equals(b.get(j - 1))
                        ? previous[j - 1] + 1
                        : Math.max(previous[j], current[j - 1]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.size()];
    }
}
