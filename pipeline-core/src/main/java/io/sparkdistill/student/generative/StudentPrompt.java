package io.sparkdistill.student.generative;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * What the generative student reads: an example's inputs as one plain text, with short field names the student
 * learns to rely on, and which end of a too-long prompt it keeps. The task decides both, so they are given (by the
 * task's strategy) rather than looked up here: this package knows nothing of the task list.
 *
 * <p>The renderers of the four text tasks are the static methods below, to be passed as {@code StudentPrompt::qa}.
 *
 * @param renderer  the prompt text of an example's inputs
 * @param keepStart whether a prompt over the limit keeps its start (a document's lead) rather than its end (the
 *                  question, the latest turn of a conversation)
 */
public record StudentPrompt(PromptRenderer renderer, boolean keepStart) implements Serializable {
    private static final ObjectMapper JSON = new ObjectMapper();

    public StudentPrompt {
        Objects.requireNonNull(renderer, "renderer");
    }

    /** The prompt text of an example's inputs. */
    public String text(Map<String, String> inputs) {
        return renderer.apply(inputs);
    }

    /** The prompt's token ids, cut to at most {@code maxTokens} at the end this prompt does not keep. */
    public int[] tokens(SubwordVocabulary vocabulary, Map<String, String> inputs, int maxTokens) {
        int[] tokens = vocabulary.encode(text(inputs));
        if (tokens.length <= maxTokens) {
            return tokens;
        }
        return keepStart ? Arrays.copyOf(tokens, maxTokens)
                : Arrays.copyOfRange(tokens, tokens.length - maxTokens, tokens.length);
    }

    /** Extractive question answering: the passage, then the question (so a cut prompt keeps the question). */
    public static String qa(Map<String, String> inputs) {
        return "context: " + inputs.get("context") + "\nquestion: " + inputs.get("question");
    }

    /** A word problem. */
    public static String math(Map<String, String> inputs) {
        return "question: " + inputs.get("question");
    }

    /** The document to summarise (its start is what a cut prompt should keep). */
    public static String summarisation(Map<String, String> inputs) {
        return "document: " + inputs.get("document");
    }

    /** The turns of a conversation (its {@code messages} field, a JSON array), one per line, as "role: content". */
    public static String conversation(Map<String, String> inputs) {
        String messagesJson = inputs.get("messages");
        try {
            JsonNode messages = JSON.readTree(messagesJson);
            StringJoiner text = new StringJoiner("\n");
            for (JsonNode m : messages) {
                text.add(m.path("role").asText() + ": " + m.path("content").asText());
            }
            return text.toString();
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the conversation's messages are not a JSON array: "
                    + messagesJson, e);
        }
    }
}
