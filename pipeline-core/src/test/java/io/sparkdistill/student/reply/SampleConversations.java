package io.sparkdistill.student.reply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.StudentConfig;
import io.sparkdistill.student.text.FamilySettings;
import io.sparkdistill.student.text.StudentCard;
import io.sparkdistill.student.text.TextExample;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The sample conversation data set as text examples, and training a selection student without Spark. */
final class SampleConversations {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleConversations() {
    }

    static List<TextExample> split(String name) {
        Path file = root().resolve("data-samples/conversation/" + name + ".jsonl");
        List<TextExample> examples = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = JSON.readTree(line);
                String reference = row.get("reference").asText();
                examples.add(TextExample.of(Map.of("messages", row.get("messages").toString()), reference,
                        List.of(reference)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return examples;
    }

    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("data-samples"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no data-samples folder above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static FamilySettings settings(int epochs) {
        return new FamilySettings(StudentConfig.defaults(),
                new Hyperparameters(0.01, 32, epochs, null, null, 7L, null, null));
    }

    /** Trains as the Spark stage does, with plain {@code ComputationGraph.fit} in place of parameter averaging. */
    static SelectionStudent train(List<TextExample> examples, FamilySettings settings) {
        SelectionFamily family = new SelectionFamily();
        Map<String, Long> counts = new HashMap<>();
        for (TextExample example : examples) {
            family.countedKeys(example).forEach(key -> counts.merge(key, 1L, Long::sum));
        }
        CandidateSet candidates = family.prepare(counts, settings);
        ComputationGraph network = family.network(candidates, settings);
        for (int epoch = 0; epoch < settings.hyperparameters().numEpochs(); epoch++) {
            Iterator<MultiDataSet> batches = family.batches(candidates, examples.iterator(),
                    settings.hyperparameters().batchSize());
            while (batches.hasNext()) {
                network.fit(batches.next());
            }
        }
        StudentCard card = new StudentCard("distilled", "conversation", family.name(), Map.of(),
                settings.hyperparameters().asMap(), null, Map.of());
        return (SelectionStudent) family.student(candidates, network, card);
    }
}
