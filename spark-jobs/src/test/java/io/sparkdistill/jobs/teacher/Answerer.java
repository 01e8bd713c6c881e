package io.sparkdistill.jobs.teacher;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link FakeChatServer} answers: from the request's messages to the text of the answer and, optionally, the
 * distribution of its first token (natural-log probabilities by token text). Implementations must be deterministic
 * and thread-safe: the server calls them from several threads and the same request must get the same answer.
 */
@FunctionalInterface
public interface Answerer {

    Answer answer(List<Message> messages);

    /**
     * The answer of completion {@code choice} (0-based) when a request asks for several ({@code n}); the same
     * answer for every completion unless an answerer says otherwise.
     */
    default Answer answer(List<Message> messages, int choice) {
        return answer(messages);
    }

    /** One chat message of the request; content parts (arrays) are joined into plain text. */
    record Message(String role, String content) {
        public Message {
            Objects.requireNonNull(role, "role");
            content = content == null ? "" : content;
        }
    }

    /**
     * An answer. {@code firstToken} is null or maps candidate first tokens to their natural-log probability; when
     * the request asks for logprobs the server reports them as the first token's {@code top_logprobs} (most likely
     * first), and the answer's first token is the longest of them that the text starts with.
     */
    record Answer(String text, Map<String, Double> firstToken) {
        public Answer {
            Objects.requireNonNull(text, "text");
            firstToken = firstToken == null ? null : Map.copyOf(firstToken);
        }

        public static Answer text(String text) {
            return new Answer(text, null);
        }
    }

    /** Always the same text. */
    static Answerer fixed(String text) {
        return messages -> Answer.text(text);
    }

    /** The text of the last user message, or "" when there is none. */
    static String lastUserMessage(List<Message> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).role())) {
                return messages.get(i).content();
            }
        }
        return "";
    }
}
