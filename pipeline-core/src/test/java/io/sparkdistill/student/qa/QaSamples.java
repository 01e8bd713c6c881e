package io.sparkdistill.student.qa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.student.text.TextExample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The sample qa data ({@code data-samples/qa}) as text examples whose targets are the gold answers. */
final class QaSamples {
    private static final ObjectMapper JSON = new ObjectMapper();

    private QaSamples() {
    }

    static List<TextExample> split(String name) {
        Path file = folder().resolve(name + ".jsonl");
        List<TextExample> examples = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = JSON.readTree(line);
                List<String> answers = new ArrayList<>();
                row.get("answers").forEach(a -> answers.add(a.asText()));
                examples.add(new TextExample(Map.of("context", row.get("context").asText(),
                        "question", row.get("question").asText()), answers.get(0), answers, answers));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return examples;
    }

    /** The samples' folder, from the module or the repository root. */
    private static Path folder() {
        for (Path candidate : List.of(Path.of("..", "data-samples", "qa"), Path.of("data-samples", "qa"))) {
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no data-samples/qa folder above " + Path.of("").toAbsolutePath());
    }
}
