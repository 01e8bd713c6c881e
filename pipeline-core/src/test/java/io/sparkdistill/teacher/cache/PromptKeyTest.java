package io.sparkdistill.teacher.cache;

import io.sparkdistill.teacher.api.ChatMessage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class PromptKeyTest {
    private static final List<ChatMessage> PROMPT = List.of(ChatMessage.system("Label the request."),
            ChatMessage.user("I was charged twice"));

    @Test
    void theSameTeacherTemplateAndMessagesGiveTheSameKey() {
        String key = PromptKey.of("a1b2c3", "classification-v1", PROMPT);
        assertEquals(key, PromptKey.of("a1b2c3", "classification-v1", List.copyOf(PROMPT)));
        assertEquals(32, key.length());
    }

    @Test
    void anotherTeacherTemplateVersionMessageOrRoleGivesAnotherKey() {
        String key = PromptKey.of("a1b2c3", "classification-v1", PROMPT);
        assertNotEquals(key, PromptKey.of("ffffff", "classification-v1", PROMPT));
        assertNotEquals(key, PromptKey.of("a1b2c3", "classification-v2", PROMPT));
        assertNotEquals(key, PromptKey.of("a1b2c3", "classification-v1", List.of(PROMPT.get(0),
                ChatMessage.user("I was charged twice!"))));
        assertNotEquals(key, PromptKey.of("a1b2c3", "classification-v1", List.of(PROMPT.get(0),
                ChatMessage.assistant("I was charged twice"))));
    }

    @Test
    void messageBoundariesCannotBeForgedByMovingText() {
        assertNotEquals(PromptKey.of("f", "v", List.of(ChatMessage.user("ab"), ChatMessage.user("c"))),
                PromptKey.of("f", "v", List.of(ChatMessage.user("a"), ChatMessage.user("bc"))));
    }
}
