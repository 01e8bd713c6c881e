package io.sparkdistill.evaluate.baseline;

import io.sparkdistill.student.text.Answerer;
import io.sparkdistill.student.text.TextExample;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a text task's trivial baseline scored on the test split, for the report to show beside the teacher and the
 * two students: a student is only worth deploying by the margin it keeps over this.
 *
 * @param description what the rule does ({@link TrivialBaseline#description()})
 * @param quality     its quality against the gold references, by metric name and on the metrics' own scales, as
 *                    the models' quality is reported
 */
public record TrivialBaselineScores(String description, Map<String, Double> quality) {

    /** The task's metrics of predictions against their references, in the same order (as a text task scores). */
    @FunctionalInterface
    public interface Metrics {
        Map<String, Double> score(List<String> predictions, List<List<String>> references);
    }

    public TrivialBaselineScores {
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("a trivial baseline needs a description for the report");
        }
        quality = Collections.unmodifiableMap(new LinkedHashMap<>(quality));
    }

    /**
     * Fits {@code baseline} on {@code training}, answers every example of {@code test} and scores the answers
     * against the test examples' references with {@code metrics}.
     */
    public static TrivialBaselineScores measure(TrivialBaseline baseline, List<TextExample> training,
                                                List<TextExample> test, Metrics metrics) {
        Answerer answerer = baseline.fit(training);
        List<String> predictions = new ArrayList<>(test.size());
        List<List<String>> references = new ArrayList<>(test.size());
        for (TextExample example : test) {
            predictions.add(answerer.answer(example.inputs()).text());
            references.add(example.references());
        }
        return new TrivialBaselineScores(baseline.description(), metrics.score(predictions, references));
    }

    /** How far {@code score} is above this baseline on {@code metric}; NaN when the baseline has no such metric. */
    public double margin(String metric, double score) {
        return score - quality.getOrDefault(metric, Double.NaN);
    }
}
