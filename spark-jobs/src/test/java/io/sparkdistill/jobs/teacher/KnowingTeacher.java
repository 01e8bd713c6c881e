package io.sparkdistill.jobs.teacher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An {@link Answerer} for the text tasks' samples that knows their answers, standing in for a strong teacher model
 * that cannot run here: it answers every request with a gold reference of the sample example it is about.
 */
public final class KnowingTeacher {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KnowingTeacher() {
    }

    /**
     * A teacher that knows the sample's answers: it finds the example whose input texts all appear in the request
     * and answers with a gold reference (for qa the last listed form of the answer, so its wording differs from the
     * baseline's target, the first).
     */
    public static Answerer of(String task, Path data) throws IOException {
        List<Map.Entry<List<String>, String>> known = new ArrayList<>();
        for (String split : List.of("train", "validation", "test")) {
            for (String line : Files.readAllLines(data.resolve(split + ".jsonl"))) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = JSON.readTree(line);
                known.add(Map.entry(inputTexts(task, row), answer(task, row)));
            }
        }
        return messages -> {
            String request = messages.stream().map(Answerer.Message::content).collect(Collectors.joining("\n"));
            return Answerer.Answer.text(known.stream()
                    .filter(k -> k.getKey().stream().allMatch(request::contains))
                    .map(Map.Entry::getValue).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no sample example in " + request)));
        };
    }

    private static List<String> inputTexts(String task, JsonNode row) {
        return switch (task) {
            case "qa" -> List.of(row.get("context").asText(), row.get("question").asText());
            case "summarisation" -> List.of(row.get("document").asText());
            case "conversation" -> {
                List<String> turns = new ArrayList<>();
                row.get("messages").forEach(m -> turns.add(m.get("content").asText()));
                yield turns;
            }
            case "math" -> List.of(row.get("question").asText());
            default -> throw new IllegalArgumentException(task);
        };
    }

    /** The answer this teacher gives to an input row of the task. */
    public static String answer(String task, JsonNode row) {
        return switch (task) {
            case "qa" -> row.get("answers").get(row.get("answers").size() - 1).asText();
            case "summarisation" -> row.get("summary").asText();
            case "conversation" -> row.get("reference").asText();
            case "math" -> row.get("answer").asText();
            default -> throw new IllegalArgumentException(task);
        };
    }
}
