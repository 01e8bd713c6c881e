package io.sparkdistill.teacher.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The provider's own account of an error, read from the body of a non-2xx response. Understands OpenAI's
 * {@code {"error": {"message", "type", "param", "code"}}} (with {@code code} a string, null, or an integer as
 * OpenRouter sends, and OpenRouter's upstream text in {@code error.metadata.raw}), a bare {@code {"error": "..."}}
 * (Ollama, TGI), and a top-level {@code message} or {@code detail} (vLLM, FastAPI servers). Anything else keeps the
 * start of the raw body as the message.
 *
 * @param message human-readable text, never null
 * @param type    {@code error.type}, e.g. {@code invalid_request_error}, {@code tokens}; null when absent
 * @param code    {@code error.code} as text, e.g. {@code rate_limit_exceeded}, {@code 429}; null when absent
 */
record ProviderError(String message, String type, String code) {

    /** Longest raw body kept as a message when the body is not a known error shape. */
    private static final int RAW_BODY_LIMIT = 300;

    static ProviderError parse(ObjectMapper mapper, String body) {
        if (body == null || body.isBlank()) {
            return new ProviderError("(empty body)", null, null);
        }
        try {
            JsonNode root = mapper.readTree(body);
            if (root != null && root.isObject()) {
                return from(root);
            }
        } catch (Exception notJson) {
            // fall through to the raw text: an HTML error page from a proxy, for instance
        }
        return raw(body);
    }

    static ProviderError from(JsonNode root) {
        JsonNode error = root.path("error");
        if (error.isObject()) {
            String message = ChatResponseParser.text(error, "message");
            String upstream = ChatResponseParser.text(error.path("metadata"), "raw");
            if (upstream != null) {
                message = (message == null ? "" : message + ": ") + upstream;
            }
            return new ProviderError(message == null ? error.toString() : message,
                    ChatResponseParser.text(error, "type"), ChatResponseParser.text(error, "code"));
        }
        if (error.isTextual()) {
            return new ProviderError(error.asText(), ChatResponseParser.text(root, "error_type"), null);
        }
        for (String field : new String[] {"message", "detail"}) {
            if (root.path(field).isTextual()) {
                return new ProviderError(root.get(field).asText(), ChatResponseParser.text(root, "type"),
                        ChatResponseParser.text(root, "code"));
            }
        }
        return raw(root.toString());
    }

    private static ProviderError raw(String body) {
        String text = body.strip();
        return new ProviderError(text.length() > RAW_BODY_LIMIT ? text.substring(0, RAW_BODY_LIMIT) + "..." : text,
                null, null);
    }

    /** The code when there is one, else the type: the most specific machine-readable reason. */
    String codeOrType() {
        return code != null ? code : type;
    }
}
