package io.sparkdistill.student.generative;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.ingest.TaskType;

import java.util.ArrayList;
import java.util.List;

/**
 * The answers of a text task as the students learn from them and the metrics judge them: the gold references of an
 * example, and the text a teacher's answer stands for.
 */
public final class TextAnswers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TextAnswers() {
    }

    /**
     * The gold references of an example: a qa example's {@code answers} array (kept as JSON text by the parser),
     * otherwise its one gold text.
     */
    public static List<String> references(TaskType task, String gold) {
        if (task != TaskType.QA) {
            return List.of(gold);
        }
        try {
            JsonNode answers = JSON.readTree(gold);
            List<String> out = new ArrayList<>();
            answers.forEach(a -> out.add(a.asText()));
            if (out.isEmpty()) {
                throw new IllegalArgumentException("a qa example has no gold answer: " + gold);
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a qa example's answers are not a JSON array: " + gold, e);
        }
    }

    /**
     * The teacher's answer as a text: for math its whole worked solution when it wrote one (the final number alone
     * would teach the student to guess), otherwise the answer it gave.
     */
    public static String teacherText(TaskType task, String answer, String rationale) {
        return task == TaskType.MATH && rationale != null && !rationale.isBlank() ? rationale : answer;
    }
}
