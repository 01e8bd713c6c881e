package io.sparkdistill.teacher.validation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RefusalHeuristicTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "I can't help with that.",
            "I can’t help with that.",
            "I'm sorry, but I cannot assist with this request.",
            "Sorry, I won't do that.",
            "I apologize, but I'm unable to help with that request.",
            "I'm not able to provide that.",
            "I cannot comply.",
            "As an AI language model, I cannot provide medical advice.",
    })
    void commonRefusalsAreRecognised(String content) {
        assertTrue(RefusalHeuristic.looksLikeRefusal(content), content);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "I'm sorry, but I can't offer refunds after 30 days. I can offer store credit instead.",
            "I can help with that! Your order ships tomorrow.",
            "The author writes: \"I can't help with that,\" and leaves the room.",
            "Entailment",
            "I'm sorry to hear about the delay.",
    })
    void answersThatMerelyContainSimilarWordsAreNot(String content) {
        assertFalse(RefusalHeuristic.looksLikeRefusal(content), content);
    }
}
