package io.sparkdistill.evaluate.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkdistill.student.text.Answerer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BestOverlapSentenceTest {
    private static final String CONTEXT = "Halcyon Robotics is a robotics company. It was founded in 1974 by Priya "
            + "Rossi. Its best-known product is a warehouse robot. The company is led by Chloé Sato.";

    private static String answer(String context, String question) {
        return new BestOverlapSentence().fit(List.of()).answer(Map.of("context", context, "question", question))
                .text();
    }

    @Test
    void answersTheWordsOfTheSentenceThatRestatesTheQuestionLessTheQuestionsOwn() {
        assertEquals("in 1974 by Priya Rossi.", answer(CONTEXT, "When was it founded?"));
        assertEquals("Chloé Sato.", answer(CONTEXT, "By whom is the company led?"));
    }

    @Test
    void comparesWordsWithoutCaseOrPunctuation() {
        assertEquals("warehouse robot.", answer(CONTEXT, "What is its BEST-KNOWN product?"));
    }

    @Test
    void onATieTakesTheFirstSentenceAndWithNoSharedWordTheFirstSentenceToo() {
        assertEquals("sky", answer("The sky is blue. The sea is blue.", "What is blue?"));
        assertEquals("Halcyon Robotics is robotics company.", answer(CONTEXT, "Why?"));
    }

    @Test
    void answersTheWholeSentenceWhenTheQuestionHoldsAllItsWords() {
        assertEquals("Rain fell.", answer("Rain fell. Sun shone.", "Rain fell, did it not?"));
    }

    @Test
    void theFittedRuleSurvivesJavaSerialisation() throws Exception {
        Answerer copy = Serialisation.roundTrip(new BestOverlapSentence().fit(List.of()));
        assertEquals("in 1974 by Priya Rossi.",
                copy.answer(Map.of("context", CONTEXT, "question", "When was it founded?")).text());
    }
}
