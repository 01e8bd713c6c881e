package io.sparkdistill.student.generative;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.ingest.TaskType;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What the generative student reads: an example's inputs as one plain text, with short field names the student
 * learns to rely on, and which end of a too-long prompt it keeps.
 */
public final class StudentPrompt {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StudentPrompt() {
    }

    /** The prompt text of an example's inputs (the task's input fields by name). */
    public static String render(TaskType task, Map<String, String> inputs) {
        return switch (task) {
            case QA -> "context: " + inputs.get("context") + "\nquestion: " + inputs.get("question");
            case MATH -> "question: " + inputs.get("question");
            case SUMMARISATION -> "document: " + inputs.get("document");
            case CONVERSATION -> conversation(inputs.get("messages"));
            default -> throw new IllegalArgumentException("task " + task.configName()
                    + " has a label student, not a generative one");
        };
    }

    /**
     * The prompt's token ids, cut to at most {@code maxTokens}: summarisation keeps the start (the lead of a document
     * matters most), the other tasks keep the end (the question, the latest turn of the conversation).
     */
    public static int[] truncate(TaskType task, int[] tokens, int maxTokens) {
        if (tokens.length <= maxTokens) {
            return tokens;
        }
        return task == TaskType.SUMMARISATION ? Arrays.copyOf(tokens, maxTokens)
                : Arrays.copyOfRange(tokens, tokens.length - maxTokens, tokens.length);
    }

    /** The turns of a conversation, one per line, each as "role: content". */
    private static String conversation(String messagesJson) {
        try {
            JsonNode messages = JSON.readTree(messagesJson);
            StringJoiner text = new StringJoiner("\n");
            for (JsonNode m : messages) {
                text.add(m.path("role").asText() + ": " + m.path("content").asText());
            }
            return text.toString();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the conversation's messages are not a JSON array: "
                    + messagesJson, e);
        }
    }

    /** The texts a vocabulary is learnt from for one training example: its prompt and its target answer. */
    public static List<String> vocabularyTexts(TaskType task, Map<String, String> inputs, String target) {
        return List.of(render(task, inputs), target);
    }
}
