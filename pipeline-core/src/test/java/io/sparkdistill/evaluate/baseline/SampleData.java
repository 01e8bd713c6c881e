package io.sparkdistill.evaluate.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.ingest.TaskType;
import io.sparkdistill.student.text.TextExample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The project's sample data sets ({@code data-samples/<task>/<split>.jsonl}) as text examples whose target and
 * references are the gold answers: structured inputs ({@code messages}) stay JSON text, as the pipeline passes them.
 */
final class SampleData {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleData() {
    }

    static List<TextExample> examples(TaskType task, String split) {
        Path file = Path.of("..").toAbsolutePath().normalize()
                .resolve("data-samples/" + task.configName() + "/" + split + ".jsonl");
        List<TextExample> examples = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = JSON.readTree(line);
                Map<String, String> inputs = new LinkedHashMap<>();
                for (String field : task.inputFields()) {
                    JsonNode value = row.get(field);
                    inputs.put(field, value.isTextual() ? value.asText() : value.toString());
                }
                JsonNode gold = row.get(task.goldField());
                List<String> references = new ArrayList<>();
                if (gold.isArray()) {
                    gold.forEach(answer -> references.add(answer.asText()));
                } else {
                    references.add(gold.asText());
                }
                examples.add(new TextExample(inputs, references.get(0), references, references));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return examples;
    }
}
