package io.sparkdistill.teacher.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the rationale-mode answer {@code {"reason": "...", "answer": "..."}}.
 *
 * <p>Accepted: the object alone, or inside a markdown fenced block (```json ... ``` or ``` ... ```, with text
 * around the fence ignored); extra keys are ignored; a JSON number as "answer" is read as its text (models write
 * {@code "answer": 72} for math). Rejected: anything that is not one JSON object, trailing text after it outside a
 * fence, a missing, blank or non-string "reason", and a missing, blank, non-string non-number "answer".
 */
public final class RationaleParser {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Pattern FENCE = Pattern.compile("```[ \\t]*(?:json|JSON)?[ \\t]*\\r?\\n?(.*?)```",
            Pattern.DOTALL);

    /** The reason and the answer, both non-blank. */
    public record Rationale(String reason, String answer) {
    }

    private RationaleParser() {
    }

    /** @throws IllegalArgumentException with a one-line explanation when the content does not match the schema */
    public static Rationale parse(String content) {
        String text = content.strip();
        Matcher fence = FENCE.matcher(text);
        if (fence.find()) {
            text = fence.group(1).strip();
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON (" + e.getOriginalMessage() + "): "
                    + Texts.abbreviate(content));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object but got "
                    + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase()) + ": "
                    + Texts.abbreviate(content));
        }
        JsonNode reason = root.get("reason");
        JsonNode answer = root.get("answer");
        if (reason == null || !reason.isTextual() || reason.asText().isBlank()) {
            throw new IllegalArgumentException("\"reason\" must be a non-blank string but is " + describe(reason));
        }
        if (answer == null || !(answer.isTextual() || answer.isNumber()) || answer.asText().isBlank()) {
            throw new IllegalArgumentException("\"answer\" must be a non-blank string but is " + describe(answer));
        }
        return new Rationale(reason.asText().strip(), answer.asText().strip());
    }

    private static String describe(JsonNode node) {
        if (node == null) {
            return "missing";
        }
        return node.isTextual() ? "blank" : node.getNodeType().toString().toLowerCase();
    }
}
