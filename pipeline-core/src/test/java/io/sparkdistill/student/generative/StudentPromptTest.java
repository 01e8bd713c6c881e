package io.sparkdistill.student.generative;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The prompts of the four text tasks, and which end of a too-long prompt each keeps. */
class StudentPromptTest {

    @Test
    void eachTaskRendersItsFieldsUnderShortNames() {
        assertEquals("context: Rain fell.\nquestion: What fell?",
                StudentPrompt.qa(Map.of("context", "Rain fell.", "question", "What fell?")));
        assertEquals("question: 2 + 2?", StudentPrompt.math(Map.of("question", "2 + 2?")));
        assertEquals("document: Rain fell.", StudentPrompt.summarisation(Map.of("document", "Rain fell.")));
        assertEquals("user: hi\nassistant: hello", StudentPrompt.conversation(Map.of("messages",
                "[{\"role\": \"user\", \"content\": \"hi\"}, {\"role\": \"assistant\", \"content\": \"hello\"}]")));
    }

    @Test
    void aConversationThatIsNotAJsonArraySaysSo() {
        assertThrows(IllegalArgumentException.class, () -> StudentPrompt.conversation(Map.of("messages", "{oops")));
    }

    @Test
    void aLongPromptKeepsTheEndItIsToldToKeep() {
        Map<String, Long> counts = new HashMap<>();
        SubwordVocabulary.preTokens("document: one two three four five six")
                .forEach(p -> counts.merge(p, 5L, Long::sum)); // frequent enough to become whole tokens
        SubwordVocabulary vocabulary = SubwordVocabulary.learn(counts, 100);
        Map<String, String> inputs = Map.of("document", "one two three four five six");
        int[] all = vocabulary.encode(StudentPrompt.summarisation(inputs));
        int[] start = new StudentPrompt(StudentPrompt::summarisation, true).tokens(vocabulary, inputs, 3);
        int[] end = new StudentPrompt(StudentPrompt::summarisation, false).tokens(vocabulary, inputs, 3);
        assertArrayEquals(java.util.Arrays.copyOf(all, 3), start);
        assertArrayEquals(java.util.Arrays.copyOfRange(all, all.length - 3, all.length), end);
        assertEquals("document: one", vocabulary.decode(start));
        assertEquals("four five six", vocabulary.decode(end));
    }
}
