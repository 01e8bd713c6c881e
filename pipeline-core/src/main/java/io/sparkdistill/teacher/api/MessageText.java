package io.sparkdistill.teacher.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The texts of an assistant message or stream delta, whatever shape its {@code content} has. OpenAI, Azure, vLLM,
 * TGI, Ollama and DeepSeek send a string (or null); Mistral's reasoning models and some gateways send an array of
 * content parts, where {@code text} parts are the answer, {@code thinking} parts (text, or a list of text parts)
 * are reasoning and {@code refusal} parts a refusal. Other parts (images, audio, references) are not answer text.
 *
 * @param content   the answer text, null when the message has none
 * @param refusal   the {@code refusal} field or refusal parts, null when none
 * @param reasoning {@code reasoning_content} (DeepSeek, vLLM before 0.11), {@code reasoning} (Ollama, newer vLLM) or
 *                  thinking parts; null when none
 */
record MessageText(String content, String refusal, String reasoning) {

    static MessageText of(JsonNode messageOrDelta) {
        String refusal = ChatResponseParser.text(messageOrDelta, "refusal");
        String reasoning = ChatResponseParser.reasoning(messageOrDelta);
        JsonNode content = messageOrDelta.path("content");
        if (!content.isArray()) {
            return new MessageText(ChatResponseParser.text(messageOrDelta, "content"), refusal, reasoning);
        }
        StringBuilder answer = null;
        for (JsonNode part : content) {
            switch (part.path("type").asText("text")) {
                case "text", "output_text" -> answer = append(answer, flat(part.path("text")));
                case "thinking", "reasoning" -> reasoning = join(reasoning, flat(part.path(part.path("type").asText())));
                case "refusal" -> refusal = join(refusal, flat(part.path("refusal")));
                default -> {
                    // not text of the answer
                }
            }
        }
        return new MessageText(answer == null ? null : answer.toString(), refusal, reasoning);
    }

    /** A string, or the text of a list of text parts; null when neither. */
    private static String flat(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        if (!node.isArray()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : node) {
            text.append(part.isTextual() ? part.asText() : part.path("text").asText(""));
        }
        return text.toString();
    }

    private static StringBuilder append(StringBuilder sb, String piece) {
        if (piece == null) {
            return sb;
        }
        return sb == null ? new StringBuilder(piece) : sb.append(piece);
    }

    private static String join(String first, String second) {
        return first == null ? second : second == null ? first : first + second;
    }
}
