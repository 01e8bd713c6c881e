package io.sparkdistill.teacher.batch;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkdistill.teacher.api.ChatResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the chat completion inside a batch output line into a {@link ChatResponse}, as leniently as the
 * synchronous client does (unknown fields ignored, everything but {@code choices} optional, reasoning as
 * {@code reasoning_content} or {@code reasoning}).
 *
 * <p>Stand-in: {@code io.sparkdistill.teacher.api.ChatResponseParser} does this but is package-private. Once
 * teacher.api offers a public entry point (e.g. {@code ChatResponseParser.parse(JsonNode)}), this class should
 * delegate to it and go.
 */
final class CompletionBodyReader {
    private CompletionBodyReader() {
    }

    /** The completion; IllegalArgumentException when the body has no {@code choices} array. */
    static ChatResponse read(JsonNode body) {
        if (body == null || !body.path("choices").isArray()) {
            throw new IllegalArgumentException("response.body has no 'choices' array");
        }
        List<ChatResponse.Choice> choices = new ArrayList<>();
        int position = 0;
        for (JsonNode c : body.get("choices")) {
            JsonNode message = c.path("message");
            String reasoning = text(message, "reasoning_content");
            choices.add(new ChatResponse.Choice(c.path("index").asInt(position), text(message, "content"),
                    text(message, "refusal"), reasoning != null ? reasoning : text(message, "reasoning"),
                    text(c, "finish_reason"), logprobs(c.path("logprobs"))));
            position++;
        }
        return new ChatResponse(choices, usage(body.path("usage")), text(body, "model"), text(body, "id"));
    }

    /** A string field, null when absent or JSON null. */
    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<ChatResponse.TokenLogprob> logprobs(JsonNode logprobs) {
        List<ChatResponse.TokenLogprob> tokens = new ArrayList<>();
        for (JsonNode t : logprobs.path("content")) {
            List<ChatResponse.TopLogprob> top = new ArrayList<>();
            for (JsonNode alt : t.path("top_logprobs")) {
                top.add(new ChatResponse.TopLogprob(alt.path("token").asText(), alt.path("logprob").asDouble()));
            }
            tokens.add(new ChatResponse.TokenLogprob(t.path("token").asText(), t.path("logprob").asDouble(), top));
        }
        return tokens;
    }

    private static ChatResponse.Usage usage(JsonNode u) {
        if (!u.isObject()) {
            return null;
        }
        int prompt = u.path("prompt_tokens").asInt(0);
        int completion = u.path("completion_tokens").asInt(0);
        return new ChatResponse.Usage(prompt, completion, u.path("total_tokens").asInt(prompt + completion));
    }
}
