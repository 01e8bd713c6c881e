package io.sparkdistill.student.generative;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * The answers of a text task as the students learn from them and the metrics judge them: the gold references an
 * example lists, and the text a teacher's worked answer stands for. Which of these a task needs is the task's
 * strategy's choice; these are the readings themselves.
 */
public final class TextAnswers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TextAnswers() {
    }

    /** The gold references kept as a JSON array of texts (a qa example's {@code answers}), in order. */
    public static List<String> jsonReferences(String answersJson) {
        try {
            JsonNode answers = JSON.readTree(answersJson);
            if (answers == null || !answers.isArray()) {
                throw new IllegalArgumentException("the example's answers are not a JSON array: " + answersJson);
            }
            List<String> out = new ArrayList<>();
            answers.forEach(a -> out.add(a.asText()));
            if (out.isEmpty()) {
                throw new IllegalArgumentException("the example has no gold answer: " + answersJson);
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the example's answers are not a JSON array: " + answersJson, e);
        }
    }

    /**
     * The teacher's answer as a text to learn when its reasoning matters (math): its whole worked solution when it
     * wrote one (the final number alone would teach the student to guess), otherwise the answer it gave.
     */
    public static String workedSolution(String answer, String rationale) {
        return rationale != null && !rationale.isBlank() ? rationale : answer;
    }
}
