package io.sparkdistill.jobs.bench;

import io.sparkdistill.evaluate.baseline.TrivialBaseline;
import io.sparkdistill.evaluate.text.SquadMetrics;
import io.sparkdistill.student.text.Answerer;
import io.sparkdistill.student.text.TextAnswer;
import io.sparkdistill.student.text.TextExample;

import java.io.Serializable;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The free-text twin of the math task's most frequent final number: the gold answer the training examples give most
 * often, answered to every question. It is what a model that never reads its input scores, so it tells how much
 * of a data set's score is there for the taking without reading (many repeated answers) and how much needs the
 * input. Answers are counted by their SQuAD-normalised words, so case and punctuation do not split a count; the
 * first written form of the winner is answered, and ties go to the answer seen first in the training examples.
 */
final class MostFrequentTrainingAnswer implements TrivialBaseline {
    private static final long serialVersionUID = 1L;

    @Override
    public String description() {
        return "the most frequent gold answer of the training examples, whatever the input";
    }

    @Override
    public Answerer fit(List<TextExample> training) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, String> firstWritten = new HashMap<>();
        for (TextExample example : training) {
            String gold = example.references().isEmpty() ? example.target() : example.references().get(0);
            String key = SquadMetrics.normalize(gold);
            firstWritten.putIfAbsent(key, gold);
            counts.merge(key, 1, Integer::sum);
        }
        String best = null;
        int bestCount = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() > bestCount) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no training example to count answers of");
        }
        return new Constant(firstWritten.get(best));
    }

    private record Constant(String answer) implements Answerer, Serializable {
        @Override
        public TextAnswer answer(Map<String, String> inputs) {
            return new TextAnswer(answer, 1);
        }
    }
}
