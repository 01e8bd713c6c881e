package io.sparkdistill.evaluate.baseline;

import io.sparkdistill.student.text.Answerer;
import io.sparkdistill.student.text.TextAnswer;
import io.sparkdistill.student.text.TextExample;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Extractive qa's trivial baseline: find the context sentence that shares the most {@link NormalisedWords words}
 * with the question (the first such on ties), and answer its words that the question does not use, in their order
 * and as written. The sentence that restates the question usually holds the answer, and the words the question
 * already says are not the answer; but which of the rest are the answer it cannot tell, so a student must learn to
 * cut the span out to beat it. A sentence wholly made of the question's words is answered whole. Nothing is learnt
 * from the training examples.
 */
public final class BestOverlapSentence implements TrivialBaseline {
    private static final long serialVersionUID = 1L;

    @Override
    public String description() {
        return "the words of the context sentence sharing the most words with the question, less the question's";
    }

    @Override
    public Answerer fit(List<TextExample> training) {
        return new BestSentence();
    }

    private record BestSentence() implements Answerer, Serializable {
        @Override
        public TextAnswer answer(Map<String, String> inputs) {
            Set<String> question = NormalisedWords.of(RequiredInput.of(inputs, "question"));
            String best = "";
            int bestShared = -1;
            for (String sentence : SentenceSplitter.sentences(RequiredInput.of(inputs, "context"))) {
                int shared = NormalisedWords.shared(question, NormalisedWords.of(sentence));
                if (shared > bestShared) {
                    best = sentence;
                    bestShared = shared;
                }
            }
            return new TextAnswer(withoutQuestionWords(best, question), 1);
        }

        /** The tokens of {@code sentence} with a word the question lacks; an article or a lone dash has none. */
        private static String withoutQuestionWords(String sentence, Set<String> question) {
            StringJoiner kept = new StringJoiner(" ");
            for (String token : sentence.split("\\s+")) {
                Set<String> words = NormalisedWords.of(token);
                if (!question.containsAll(words)) {
                    kept.add(token);
                }
            }
            return kept.length() == 0 ? sentence : kept.toString();
        }
    }
}
