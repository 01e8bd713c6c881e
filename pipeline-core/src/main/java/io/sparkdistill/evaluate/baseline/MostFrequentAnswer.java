package io.sparkdistill.evaluate.baseline;

import io.sparkdistill.evaluate.text.MathAnswer;
import io.sparkdistill.student.text.Answerer;
import io.sparkdistill.student.text.TextAnswer;
import io.sparkdistill.student.text.TextExample;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Math's trivial baseline: the final number that the training examples' gold answers give most often (the first
 * to reach that count on ties, numbers compared by {@link MathAnswer#extract value}), answered to every question as
 * "#### N". It is what a model that never reads the question scores: the exact match a student earns by chance.
 */
public final class MostFrequentAnswer implements TrivialBaseline {
    private static final long serialVersionUID = 1L;

    @Override
    public String description() {
        return "the most frequent final answer of the training examples";
    }

    /** @throws IllegalArgumentException if no training answer holds a number */
    @Override
    public Answerer fit(List<TextExample> training) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        String best = null;
        int bestCount = 0;
        for (TextExample example : training) {
            Optional<String> number = MathAnswer.extract(GoldAnswer.of(example));
            if (number.isPresent()) {
                int count = counts.merge(number.get(), 1, Integer::sum);
                if (count > bestCount) {
                    best = number.get();
                    bestCount = count;
                }
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("none of the " + training.size()
                    + " training answers holds a final number to count");
        }
        return new Constant("#### " + best);
    }

    private record Constant(String answer) implements Answerer, Serializable {
        @Override
        public TextAnswer answer(Map<String, String> inputs) {
            return new TextAnswer(answer, 1);
        }
    }
}
