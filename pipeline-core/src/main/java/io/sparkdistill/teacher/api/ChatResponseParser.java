package io.sparkdistill.teacher.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a non-streamed chat-completion body. Deliberately lenient in what it reads, because every real server
 * differs: unknown fields are ignored, every field but {@code choices} is optional, {@code content} may be null or
 * absent or an array of parts ({@link MessageText}), reasoning comes as {@code reasoning_content} (DeepSeek, vLLM) or
 * {@code reasoning} (Ollama), and usage may be missing or sit in Groq's {@code x_groq.usage}. Strict in one thing: a
 * body without a {@code choices} array is not a chat completion. When it holds an {@code error} instead (OpenRouter
 * reports errors that occur after the model started in a 200 response), it is classified like an HTTP error
 * ({@link ErrorClassifier#fromErrorInBody}); otherwise it is {@link TeacherCallException.Kind#MALFORMED_RESPONSE}.
 */
final class ChatResponseParser {
    private final ObjectMapper mapper;

    ChatResponseParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ChatResponse parse(String body, int status) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw malformed("body is not JSON (" + e.getOriginalMessage() + ")", status, e);
        }
        if (root != null && root.hasNonNull("error") && !root.path("choices").isArray()) {
            throw ErrorClassifier.fromErrorInBody(ProviderError.from(root), status, "response");
        }
        return fromTree(root, status);
    }

    /** The completion in an already parsed body (a Batch API output line carries it as a JSON object). */
    static ChatResponse fromTree(JsonNode root, int status) {
        if (root == null || !root.path("choices").isArray()) {
            throw malformed("body has no 'choices' array", status, null);
        }
        List<ChatResponse.Choice> choices = new ArrayList<>();
        int position = 0;
        for (JsonNode c : root.get("choices")) {
            JsonNode message = c.path("message");
            MessageText texts = MessageText.of(message);
            int toolCalls = message.path("tool_calls").size() + (message.path("function_call").isObject() ? 1 : 0);
            choices.add(new ChatResponse.Choice(c.path("index").asInt(position), texts.content(), texts.refusal(),
                    texts.reasoning(), text(c, "finish_reason"), toolCalls, logprobs(c.path("logprobs"))));
            position++;
        }
        return new ChatResponse(choices, usage(root), text(root, "model"), text(root, "id"));
    }

    static TeacherCallException malformed(String why, int status, Throwable cause) {
        return new TeacherCallException(TeacherCallException.Kind.MALFORMED_RESPONSE, status,
                "teacher response is malformed: " + why, null, null, cause);
    }

    /** A string field, null when absent or JSON null. */
    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** DeepSeek's and older vLLM's {@code reasoning_content}, else Ollama's and newer vLLM's {@code reasoning}. */
    static String reasoning(JsonNode messageOrDelta) {
        String r = text(messageOrDelta, "reasoning_content");
        return r != null ? r : text(messageOrDelta, "reasoning");
    }

    /** The {@code logprobs.content} entries of a choice; empty when absent or null. */
    static List<ChatResponse.TokenLogprob> logprobs(JsonNode logprobs) {
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

    /** The standard {@code usage}, else Groq's {@code x_groq.usage}; null when neither is an object. */
    static ChatResponse.Usage usage(JsonNode root) {
        JsonNode u = root.path("usage");
        if (!u.isObject()) {
            u = root.path("x_groq").path("usage");
        }
        if (!u.isObject()) {
            return null;
        }
        int prompt = u.path("prompt_tokens").asInt(0);
        int completion = u.path("completion_tokens").asInt(0);
        return new ChatResponse.Usage(prompt, completion, u.path("total_tokens").asInt(prompt + completion));
    }
}
