package io.sparkdistill.teacher.api;

import java.io.Serializable;
import java.util.Objects;
import java.util.Set;

/**
 * One message of a chat-completions request, as OpenAI-compatible endpoints take it.
 *
 * @param role    {@code system}, {@code user} or {@code assistant}
 * @param content the message text, never null
 */
public record ChatMessage(String role, String content) implements Serializable {
    public static final String SYSTEM = "system";
    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";
    private static final Set<String> ROLES = Set.of(SYSTEM, USER, ASSISTANT);

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("role must be one of " + ROLES + " but was '" + role + "'");
        }
    }

    public static ChatMessage system(String content) {
        return new ChatMessage(SYSTEM, content);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage(USER, content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage(ASSISTANT, content);
    }
}
