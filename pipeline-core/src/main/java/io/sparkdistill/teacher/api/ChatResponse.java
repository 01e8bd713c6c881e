package io.sparkdistill.teacher.api;

import java.io.Serializable;
import java.util.List;

/**
 * A chat completion as far as distillation cares: the choices, the token usage when the server reported it, and
 * the model and id the server stated (kept for provenance; Ollama's ids are counters, DeepSeek's UUIDs).
 *
 * @param choices in the server's order, usually by index; more than one when {@code n > 1}
 * @param usage   null when the server sent none
 */
public record ChatResponse(List<Choice> choices, Usage usage, String model, String id) implements Serializable {

    /**
     * Reads a chat-completion body that is already a JSON tree, as in a Batch API output file; throws
     * {@link TeacherCallException} (malformed response) when it has no {@code choices}.
     */
    public static ChatResponse fromJson(com.fasterxml.jackson.databind.JsonNode body) {
        return ChatResponseParser.fromTree(body, 200);
    }


    public ChatResponse {
        choices = List.copyOf(choices);
    }

    /**
     * One completion. Its {@code content} is only ever the final answer: chain of thought written into it as
     * {@code <think>...</think>} is moved to {@code reasoning} here, so that every source (a live call, the answer
     * cache, a Batch API file) gets the same split.
     *
     * @param content      the answer text; null when the model refused, called tools, or sent none; empty when it
     *                     only thought
     * @param refusal      the model's refusal text (OpenAI structured outputs), null otherwise
     * @param reasoning    chain of thought sent apart from the answer: DeepSeek's {@code reasoning_content}, Ollama's
     *                     {@code reasoning}, thinking parts, or a {@code <think>} block of the content; null when none
     * @param finishReason {@code stop}, {@code length} (truncated), {@code tool_calls}, {@code content_filter}...;
     *                     null when the server sent none
     * @param toolCalls    how many tool or function calls the message holds (OpenAI sends them with
     *                     {@code finish_reason} {@code stop} when a tool is forced); 0 for an answer
     * @param logprobs     per generated token, empty unless logprobs were asked for and returned
     */
    public record Choice(int index, String content, String refusal, String reasoning, String finishReason,
                         int toolCalls, List<TokenLogprob> logprobs) implements Serializable {

        public Choice {
            logprobs = logprobs == null ? List.of() : List.copyOf(logprobs);
            ThinkBlock think = ThinkBlock.split(content);
            if (think.reasoning() != null) {
                content = think.answer();
                reasoning = reasoning == null || reasoning.isBlank() ? think.reasoning()
                        : reasoning + "\n" + think.reasoning();
            }
        }

        /** The completion stopped at {@code max_tokens}: the text is cut short. */
        public boolean truncated() {
            return "length".equals(finishReason);
        }
    }

    /** A generated token, its log-probability and the alternatives the server listed. */
    public record TokenLogprob(String token, double logprob, List<TopLogprob> top) implements Serializable {
        public TokenLogprob {
            top = top == null ? List.of() : List.copyOf(top);
        }
    }

    /** One alternative at a position. */
    public record TopLogprob(String token, double logprob) implements Serializable {
    }

    /**
     * Token counts as the server reported them. {@code totalTokens} is kept as sent: Gemini counts hidden
     * thinking tokens only there, so it can exceed prompt + completion.
     */
    public record Usage(int promptTokens, int completionTokens, int totalTokens) implements Serializable {
    }
}
