package io.sparkdistill.jobs.teacher;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A teacher for label tasks (classification, NLI): it picks the label whose keywords occur most often in the last
 * user message (case-insensitive; ties go to the label listed first; no keyword at all gives the default label) and
 * answers with the label text. Its first-token distribution gives the chosen label {@code confidence} (0.85 unless
 * told) and shares the rest equally among the other labels, as natural logs.
 */
public final class LabelAnswerer implements Answerer {
    private final List<String> labels;
    private final Map<String, String> keywords;
    private final String defaultLabel;
    private final double confidence;

    /**
     * @param labels         the label set, in order (ties go to the earlier one)
     * @param keywordToLabel keyword (matched case-insensitively as a substring) to the label it votes for
     * @param defaultLabel   the answer when no keyword occurs
     */
    public LabelAnswerer(List<String> labels, Map<String, String> keywordToLabel, String defaultLabel) {
        this(labels, keywordToLabel, defaultLabel, 0.85);
    }

    private LabelAnswerer(List<String> labels, Map<String, String> keywordToLabel, String defaultLabel,
                          double confidence) {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("no labels");
        }
        if (!labels.contains(defaultLabel)) {
            throw new IllegalArgumentException("default label " + defaultLabel + " is not one of " + labels);
        }
        for (String label : keywordToLabel.values()) {
            if (!labels.contains(label)) {
                throw new IllegalArgumentException("keyword label " + label + " is not one of " + labels);
            }
        }
        if (!(confidence > 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1]: " + confidence);
        }
        this.labels = List.copyOf(labels);
        Map<String, String> lower = new LinkedHashMap<>();
        keywordToLabel.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        this.keywords = lower;
        this.defaultLabel = defaultLabel;
        this.confidence = confidence;
    }

    /** The same answerer giving its chosen label probability {@code p} instead of 0.85. */
    public LabelAnswerer withConfidence(double p) {
        return new LabelAnswerer(labels, keywords, defaultLabel, p);
    }

    /** The label this answerer picks for a user message. */
    public String labelFor(String userMessage) {
        String text = userMessage.toLowerCase(Locale.ROOT);
        Map<String, Integer> score = new LinkedHashMap<>();
        keywords.forEach((keyword, label) -> score.merge(label, occurrences(text, keyword), Integer::sum));
        String best = defaultLabel;
        int bestScore = 0;
        for (String label : labels) {
            int s = score.getOrDefault(label, 0);
            if (s > bestScore) {
                best = label;
                bestScore = s;
            }
        }
        return best;
    }

    /** The first-token distribution (natural logs) when {@code chosen} is the answer. */
    public Map<String, Double> distribution(String chosen) {
        Map<String, Double> logprobs = new LinkedHashMap<>();
        double rest = labels.size() == 1 ? 0 : (1 - confidence) / (labels.size() - 1);
        for (String label : labels) {
            double p = label.equals(chosen) ? confidence : rest;
            if (p > 0) {
                logprobs.put(label, Math.log(p));
            }
        }
        return logprobs;
    }

    @Override
    public Answer answer(List<Message> messages) {
        String label = labelFor(Answerer.lastUserMessage(messages));
        return new Answer(label, distribution(label));
    }

    private static int occurrences(String text, String keyword) {
        if (keyword.isEmpty()) {
            return 0;
        }
        int n = 0;
        for (int i = text.indexOf(keyword); i >= 0; i = text.indexOf(keyword, i + keyword.length())) {
            n++;
        }
        return n;
    }
}
