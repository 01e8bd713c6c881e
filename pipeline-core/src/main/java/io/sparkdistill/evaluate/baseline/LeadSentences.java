package io.sparkdistill.evaluate.baseline;

import io.sparkdistill.student.text.Answerer;
import io.sparkdistill.student.text.TextAnswer;
import io.sparkdistill.student.text.TextExample;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Summarisation's trivial baseline, lead-k: the document's first k sentences. News and reports put their most
 * important facts first, so lead-3 is the classic bar a summariser must clear (See et al. 2017 on CNN/DailyMail);
 * lead-1 suits data whose summaries are a single sentence. Nothing is learnt from the training examples.
 */
public final class LeadSentences implements TrivialBaseline {
    private static final long serialVersionUID = 1L;
    private static final String[] NUMBERS = {"", "", "two", "three", "four", "five", "six", "seven", "eight", "nine",
            "ten"};

    private final int count;

    /** Keeps the first {@code count} sentences, at least one. */
    public LeadSentences(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("lead-k keeps at least one sentence, not " + count);
        }
        this.count = count;
    }

    @Override
    public String description() {
        if (count == 1) {
            return "the document's first sentence";
        }
        return "the document's first " + (count < NUMBERS.length ? NUMBERS[count] : String.valueOf(count))
                + " sentences";
    }

    @Override
    public Answerer fit(List<TextExample> training) {
        return new Lead(count);
    }

    /** The first {@code count} sentences of the {@code document} input, joined by a space. */
    private record Lead(int count) implements Answerer, Serializable {
        @Override
        public TextAnswer answer(Map<String, String> inputs) {
            List<String> sentences = SentenceSplitter.sentences(RequiredInput.of(inputs, "document"));
            return new TextAnswer(String.join(" ", sentences.subList(0, Math.min(count, sentences.size()))), 1);
        }
    }
}
