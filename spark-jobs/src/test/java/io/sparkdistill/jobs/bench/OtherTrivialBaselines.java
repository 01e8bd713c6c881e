package io.sparkdistill.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.evaluate.baseline.BestOverlapSentence;
import io.sparkdistill.evaluate.baseline.LeadSentences;
import io.sparkdistill.evaluate.baseline.TrivialBaseline;
import io.sparkdistill.evaluate.baseline.TrivialBaselineScores;
import io.sparkdistill.student.text.TextExample;
import io.sparkdistill.task.TextTask;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trivial baselines the issue names for a text task besides the one the pipeline reports (its strategy's
 * {@link TextTask#trivialBaseline()}): summarisation's lead-1 and lead-3, qa's first context sentence, its
 * best-overlap sentence and its most frequent training answer. Each is fitted on the training file's gold answers
 * and scored on the whole test file with the task strategy's own metrics, so its figures sit on the students'
 * scale. The rules do not depend on a seed, so they are scored once per data set.
 */
final class OtherTrivialBaselines {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A rule and its short name for the table ("lead-1"). */
    record Named(String name, TrivialBaseline rule) {
    }

    /** A rule's name and what it scored. */
    record Scored(String name, TrivialBaselineScores scores) {
    }

    private OtherTrivialBaselines() {
    }

    /** The rules reported for {@code task}; none for a task the issue names none for. */
    static List<Named> of(String task) {
        return switch (task) {
            case "summarisation" -> List.of(new Named("lead-1", new LeadSentences(1)),
                    new Named("lead-3", new LeadSentences(3)));
            case "qa" -> List.of(new Named("first sentence", new FieldAsDocument("context", new LeadSentences(1),
                            "the context's first sentence")),
                    new Named("best-overlap sentence", new BestOverlapSentence()),
                    new Named("most frequent answer", new MostFrequentTrainingAnswer()));
            default -> List.of();
        };
    }

    /** Fits every rule of the task on {@code train}'s first {@code trainRows} rows (all when 0) and scores it. */
    static List<Scored> score(TextTask task, Path data, int trainRows) throws IOException {
        List<TextExample> training = examples(task, data.resolve("train.jsonl"));
        if (trainRows > 0 && training.size() > trainRows) {
            training = training.subList(0, trainRows);
        }
        List<TextExample> test = examples(task, data.resolve("test.jsonl"));
        List<Scored> scored = new ArrayList<>();
        for (Named named : of(task.type().configName())) {
            scored.add(new Scored(named.name(), TrivialBaselineScores.measure(named.rule(), training, test,
                    task::metrics)));
        }
        return scored;
    }

    /** A data file's rows as the task reads them: its input fields, and its gold field as references. */
    private static List<TextExample> examples(TextTask task, Path file) throws IOException {
        List<TextExample> examples = new ArrayList<>();
        String goldField = task.type().goldField();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = JSON.readTree(line);
            Map<String, String> inputs = new LinkedHashMap<>();
            task.inputFields().forEach(field -> inputs.put(field, row.get(field).asText()));
            JsonNode gold = row.get(goldField);
            List<String> references = task.references(gold.isTextual() ? gold.asText() : gold.toString());
            examples.add(TextExample.of(inputs, references.get(0), references));
        }
        return examples;
    }
}
