package io.sparkdistill.evaluate.text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Extractive question-answering quality as the official SQuAD v1.1 evaluation script ({@code evaluate-v1.1.py},
 * Rajpurkar et al. 2016) computes it.
 *
 * <p>Conventions reproduced exactly:
 * <ul>
 *   <li><b>normalisation</b> ({@code normalize_answer}): lower-case; delete every ASCII punctuation character of
 *       Python's {@code string.punctuation} ({@code !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~}); replace the articles
 *       {@code a}, {@code an}, {@code the} standing as whole words ({@code \b(a|an|the)\b}, word characters in
 *       Python 3's Unicode sense: letters, digits, other numerics and underscore) by a space; collapse whitespace
 *       ({@code ' '.join(text.split())}). The steps run in that order, so "the." loses its period first and then
 *       its article.</li>
 *   <li><b>exact match</b>: the two normalised strings are equal (two answers that both normalise to the empty
 *       string match).</li>
 *   <li><b>F1</b>: over whitespace tokens of the normalised strings, with multiset overlap; 0 when nothing
 *       overlaps (so two empty answers score F1 0 although they match exactly, as in v1.1; v2.0 changed that).</li>
 *   <li>per example, the <b>maximum over the reference answers</b> of each measure separately; then the mean over
 *       examples times 100.</li>
 * </ul>
 */
public final class SquadMetrics {
    /** Python's {@code string.punctuation}. */
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    /** Python 3's {@code \w} on str: alphanumeric in the {@code str.isalnum()} sense, or underscore. */
    private static final String WORD = "[\\p{L}\\p{Nd}\\p{Nl}\\p{No}_]";
    private static final Pattern ARTICLES = Pattern.compile("(?<!" + WORD + ")(?:a|an|the)(?!" + WORD + ")");

    /** Corpus scores on the 0-100 scale of the official script. */
    public record Scores(double exactMatch, double f1, int count) {
    }

    private SquadMetrics() {
    }

    /** The script's {@code normalize_answer}. */
    public static String normalize(String text) {
        String lowered = PythonText.lower(text);
        StringBuilder kept = new StringBuilder(lowered.length());
        for (int i = 0; i < lowered.length(); i++) {
            char c = lowered.charAt(i);
            if (PUNCTUATION.indexOf(c) < 0) {
                kept.append(c);
            }
        }
        String noArticles = ARTICLES.matcher(kept).replaceAll(" ");
        return String.join(" ", PythonText.split(noArticles));
    }

    /** The script's {@code exact_match_score}: 1 if the normalised strings are equal, else 0. */
    public static double exactMatch(String prediction, String reference) {
        return normalize(prediction).equals(normalize(reference)) ? 1.0 : 0.0;
    }

    /** The script's {@code f1_score}, in [0, 1]. */
    public static double f1(String prediction, String reference) {
        List<String> predicted = PythonText.split(normalize(prediction));
        List<String> gold = PythonText.split(normalize(reference));
        Map<String, Integer> goldCounts = new HashMap<>();
        for (String token : gold) {
            goldCounts.merge(token, 1, Integer::sum);
        }
        int same = 0;
        for (String token : predicted) {
            Integer left = goldCounts.get(token);
            if (left != null && left > 0) {
                same++;
                goldCounts.put(token, left - 1);
            }
        }
        if (same == 0) {
            return 0.0;
        }
        double precision = (double) same / predicted.size();
        double recall = (double) same / gold.size();
        return 2 * precision * recall / (precision + recall);
    }

    /** Exact match of one example, maximised over its references ({@code metric_max_over_ground_truths}). */
    public static double maxExactMatch(String prediction, List<String> references) {
        requireReferences(references);
        double best = 0;
        for (String reference : references) {
            best = Math.max(best, exactMatch(prediction, reference));
        }
        return best;
    }

    /** F1 of one example, maximised over its references. */
    public static double maxF1(String prediction, List<String> references) {
        requireReferences(references);
        double best = 0;
        for (String reference : references) {
            best = Math.max(best, f1(prediction, reference));
        }
        return best;
    }

    /**
     * The script's {@code evaluate}: {@code predictions.get(i)} is scored against {@code references.get(i)}.
     *
     * @throws IllegalArgumentException if the lists differ in length, are empty, or an example has no reference
     */
    public static Scores score(List<String> predictions, List<List<String>> references) {
        SquadStatistics stats = new SquadStatistics();
        stats.addAll(predictions, references);
        return stats.scores();
    }

    private static void requireReferences(List<String> references) {
        if (references.isEmpty()) {
            throw new IllegalArgumentException("an example needs at least one reference answer");
        }
    }
}
