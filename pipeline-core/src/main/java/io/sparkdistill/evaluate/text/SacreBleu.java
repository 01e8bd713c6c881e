package io.sparkdistill.evaluate.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * BLEU as sacreBLEU 2.x ({@code sacrebleu/metrics/bleu.py}, checked against 2.6.0) computes it with its defaults:
 * {@code BLEU()} for {@link #corpusBleu} ({@code sacrebleu.corpus_bleu}) and {@code sentence_bleu}'s defaults for
 * {@link #sentenceBleu}.
 *
 * <p>Conventions reproduced exactly:
 * <ul>
 *   <li><b>pre-processing</b>: case kept; trailing whitespace stripped ({@code sent.rstrip()}); then tokenizer
 *       {@code 13a} ({@link #tokenize13a}), the mteval-v13a tokenization: remove {@code <skipped>}, join
 *       {@code "-\n"}, newlines to spaces, unescape {@code &quot; &amp; &lt; &gt;}, then the four regular
 *       expressions of {@code TokenizerRegexp} on {@code " " + line + " "} (pad the symbols
 *       {@code { | } ~ [ \ ] ^ _ ` space ! " # $ % & ( ) * + : ; < = > ? @ /}; split a period or comma from a
 *       preceding non-digit; split a period or comma from a following non-digit; split a dash after a digit), and
 *       finally Python's {@code ' '.join(line.split())}.</li>
 *   <li><b>n-grams</b>: orders 1 to 4 over whitespace tokens; hypothesis counts clipped by the maximum count of the
 *       n-gram in any one reference; statistics summed over the corpus before the score is computed.</li>
 *   <li><b>brevity penalty</b> with the effective reference length: per segment the reference length closest to
 *       the hypothesis length, ties to the shorter; BP = exp(1 - r/c) when c &lt; r (0 when c = 0), else 1.</li>
 *   <li><b>smoothing {@code exp}</b> (Chen and Cherry 2014, method 3; the NIST mteval-v13a one): the k-th order
 *       with no match (counting from 1) gets precision 100 / (2^k * total n-grams of that order).</li>
 *   <li>no match of any order: score 0. An order with no hypothesis n-gram stops the loop; without effective
 *       order the remaining precisions stay 0 and are floored to log = -9999999999 (sacreBLEU's {@code my_log}),
 *       which makes the score 0.</li>
 *   <li><b>corpus BLEU</b> ({@code BLEU()} defaults, {@code effective_order=False}) and <b>sentence BLEU</b>
 *       ({@code sentence_bleu} defaults: {@code smooth_method='exp'}, {@code use_effective_order=True}: the geometric
 *       mean runs only over the orders for which the hypothesis has n-grams).</li>
 * </ul>
 * Scores are on sacreBLEU's 0-100 scale. Several references per segment are supported and their number may vary
 * from segment to segment (sacreBLEU's {@code None} references).
 */
public final class SacreBleu {
    /** sacreBLEU's {@code MAX_NGRAM_ORDER}. */
    public static final int MAX_ORDER = 4;
    /** Length of a statistics vector: [hypothesis length, effective reference length, matches..., totals...]. */
    static final int STATISTICS = 2 + 2 * MAX_ORDER;

    /** {@code TokenizerRegexp}'s rules, in order. */
    private static final Pattern[] RULES = {
        Pattern.compile("([\\{-\\~\\[-\\` -\\&\\(-\\+\\:-\\@\\/])"),
        Pattern.compile("([^0-9])([\\.,])"),
        Pattern.compile("([\\.,])([^0-9])"),
        Pattern.compile("([0-9])(-)"),
    };
    private static final String[] REPLACEMENTS = {" $1 ", "$1 $2 ", " $1 $2", "$1 $2 "};

    /**
     * A BLEU score and the statistics behind it, as sacreBLEU's {@code BLEUScore}.
     *
     * @param score      BLEU, 0-100
     * @param counts     matched n-grams per order
     * @param totals     hypothesis n-grams per order
     * @param precisions (smoothed) precisions per order, 0-100
     * @param bp         brevity penalty
     * @param sysLen     hypothesis tokens
     * @param refLen     effective reference tokens
     */
    public record BleuScore(double score, long[] counts, long[] totals, double[] precisions, double bp,
                            long sysLen, long refLen) {
    }

    private SacreBleu() {
    }

    /** The {@code 13a} tokenizer ({@code Tokenizer13a}); returns the tokens joined by single spaces. */
    public static String tokenize13a(String line) {
        line = line.replace("<skipped>", "");
        line = line.replace("-\n", "");
        line = line.replace("\n", " ");
        if (line.contains("&")) {
            line = line.replace("&quot;", "\"");
            line = line.replace("&amp;", "&");
            line = line.replace("&lt;", "<");
            line = line.replace("&gt;", ">");
        }
        line = " " + line + " ";
        for (int r = 0; r < RULES.length; r++) {
            line = RULES[r].matcher(line).replaceAll(REPLACEMENTS[r]);
        }
        return String.join(" ", PythonText.split(line));
    }

    /** {@code sacrebleu.corpus_bleu(hypotheses, references)} with every default. */
    public static BleuScore corpusBleu(List<String> hypotheses, List<List<String>> references) {
        TextMetricsChecks.sameSize(hypotheses, references);
        BleuStatistics stats = new BleuStatistics();
        for (int i = 0; i < hypotheses.size(); i++) {
            stats.add(hypotheses.get(i), references.get(i));
        }
        return stats.score();
    }

    /** {@code sacrebleu.sentence_bleu(hypothesis, references)} with every default. */
    public static BleuScore sentenceBleu(String hypothesis, List<String> references) {
        return computeBleu(segmentStatistics(hypothesis, references), true);
    }

    /** [hypothesis length, effective reference length, matches per order..., totals per order...]. */
    static long[] segmentStatistics(String hypothesis, List<String> references) {
        if (references.isEmpty()) {
            throw new IllegalArgumentException("a segment needs at least one reference");
        }
        Map<String, Integer> refNgrams = new HashMap<>();
        List<Integer> refLengths = new ArrayList<>(references.size());
        for (String reference : references) {
            List<String> tokens = preprocess(reference);
            refLengths.add(tokens.size());
            for (Map.Entry<String, Integer> e : ngrams(tokens).entrySet()) {
                refNgrams.merge(e.getKey(), e.getValue(), Math::max);
            }
        }
        List<String> hypTokens = preprocess(hypothesis);
        int hypLength = hypTokens.size();
        long[] stats = new long[STATISTICS];
        stats[0] = hypLength;
        stats[1] = closestReferenceLength(hypLength, refLengths);
        for (Map.Entry<String, Integer> e : ngrams(hypTokens).entrySet()) {
            int order = orderOf(e.getKey());
            stats[2 + MAX_ORDER + order - 1] += e.getValue();
            Integer refCount = refNgrams.get(e.getKey());
            if (refCount != null) {
                stats[2 + order - 1] += Math.min(e.getValue(), refCount);
            }
        }
        return stats;
    }

    private static List<String> preprocess(String sentence) {
        return PythonText.split(tokenize13a(PythonText.rstrip(sentence)));
    }

    /** n-grams of orders 1..4 keyed by their tokens joined with single spaces (tokens never hold whitespace). */
    private static Map<String, Integer> ngrams(List<String> tokens) {
        Map<String, Integer> counts = new HashMap<>();
        for (int n = 1; n <= MAX_ORDER; n++) {
            for (int i = 0; i + n <= tokens.size(); i++) {
                counts.merge(String.join(" ", tokens.subList(i, i + n)), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static int orderOf(String ngram) {
        int order = 1;
        for (int i = 0; i < ngram.length(); i++) {
            if (ngram.charAt(i) == ' ') {
                order++;
            }
        }
        return order;
    }

    /** {@code _get_closest_ref_len}: closest to the hypothesis length, the shorter on ties. */
    private static int closestReferenceLength(int hypLength, List<Integer> refLengths) {
        int closestDiff = -1;
        int closestLength = -1;
        for (int length : refLengths) {
            int diff = Math.abs(hypLength - length);
            if (closestDiff == -1 || diff < closestDiff) {
                closestDiff = diff;
                closestLength = length;
            } else if (diff == closestDiff && length < closestLength) {
                closestLength = length;
            }
        }
        return closestLength;
    }

    /** {@code BLEU.compute_bleu} with {@code smooth_method='exp'}. */
    static BleuScore computeBleu(long[] stats, boolean effectiveOrder) {
        long sysLen = stats[0];
        long refLen = stats[1];
        long[] correct = new long[MAX_ORDER];
        long[] total = new long[MAX_ORDER];
        System.arraycopy(stats, 2, correct, 0, MAX_ORDER);
        System.arraycopy(stats, 2 + MAX_ORDER, total, 0, MAX_ORDER);

        double bp = 1.0;
        if (sysLen < refLen) {
            bp = sysLen > 0 ? Math.exp(1 - (double) refLen / sysLen) : 0.0;
        }
        double[] precisions = new double[MAX_ORDER];
        boolean anyMatch = false;
        for (long c : correct) {
            anyMatch |= c != 0;
        }
        if (!anyMatch) {
            return new BleuScore(0.0, correct, total, precisions, bp, sysLen, refLen);
        }
        double smooth = 1.0;
        int usedOrder = MAX_ORDER;
        for (int n = 1; n <= MAX_ORDER; n++) {
            if (total[n - 1] == 0) {
                break;
            }
            if (effectiveOrder) {
                usedOrder = n;
            }
            if (correct[n - 1] == 0) {
                smooth *= 2;
                precisions[n - 1] = 100.0 / (smooth * total[n - 1]);
            } else {
                precisions[n - 1] = 100.0 * correct[n - 1] / total[n - 1];
            }
        }
        double logSum = 0;
        for (int n = 0; n < usedOrder; n++) {
            logSum += precisions[n] == 0.0 ? -9999999999.0 : Math.log(precisions[n]);
        }
        return new BleuScore(bp * Math.exp(logSum / usedOrder), correct, total, precisions, bp, sysLen, refLen);
    }
}
