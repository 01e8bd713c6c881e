package io.sparkdistill.teacher.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * A chat-completions request: the prompt and how to sample. The model is not part of it because it belongs to the
 * endpoint ({@link EndpointConfig#bodyModel()}); the same request can go to two teachers.
 * The body never asks for {@code stream: true}: a batch job wants whole answers, and the client still copes with a
 * server that streams anyway (see {@link ChatStreamAssembler}).
 */
public record ChatRequest(List<ChatMessage> messages, GenerationParameters parameters) implements Serializable {

    /** Characters per token assumed when estimating a prompt's size for the tokens-per-minute limit. */
    private static final int CHARS_PER_TOKEN = 4;
    /** Completion tokens assumed per choice when {@code maxTokens} is not set. */
    private static final int DEFAULT_COMPLETION_ESTIMATE = 256;

    public ChatRequest {
        if (messages == null || messages.isEmpty()) {
            throw new IllegalArgumentException("a chat request needs at least one message");
        }
        messages = List.copyOf(messages);
        parameters = parameters == null ? GenerationParameters.defaults() : parameters;
    }

    /** The JSON body, with only the parameters that are set. */
    public ObjectNode toJson(ObjectMapper mapper, Optional<String> model) {
        ObjectNode body = mapper.createObjectNode();
        model.ifPresent(m -> body.put("model", m));
        ArrayNode array = body.putArray("messages");
        for (ChatMessage m : messages) {
            array.addObject().put("role", m.role()).put("content", m.content());
        }
        GenerationParameters p = parameters;
        body.put("temperature", p.temperature());
        if (p.maxTokens() != null) {
            body.put("max_tokens", p.maxTokens());
        }
        if (p.topP() != null) {
            body.put("top_p", p.topP());
        }
        if (p.n() != null) {
            body.put("n", p.n());
        }
        if (p.seed() != null) {
            body.put("seed", p.seed());
        }
        if (!p.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            p.stop().forEach(stop::add);
        }
        if (p.logprobs()) {
            body.put("logprobs", true);
            if (p.topLogprobs() != null) {
                body.put("top_logprobs", p.topLogprobs());
            }
        }
        return body;
    }

    /**
     * A rough upper estimate of the tokens this call will consume (prompt at 4 characters a token, plus
     * {@code maxTokens} or 256 per choice), charged to the tokens-per-minute limit before the call.
     */
    public int estimatedTokens() {
        long chars = 0;
        for (ChatMessage m : messages) {
            chars += m.content().length() + m.role().length();
        }
        long completion = (long) (parameters.maxTokens() == null ? DEFAULT_COMPLETION_ESTIMATE
                : parameters.maxTokens()) * parameters.completions();
        return (int) Math.min(Integer.MAX_VALUE, chars / CHARS_PER_TOKEN + 1 + completion);
    }
}
