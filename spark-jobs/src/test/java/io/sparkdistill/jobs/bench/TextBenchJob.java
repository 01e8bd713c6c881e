package io.sparkdistill.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.JobConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A text task's job for one benchmark run: the shipped {@code conf/<task>.yaml} pointed at a data set's folder, with
 * the run's settings changed by dotted key, written as {@code job.yaml} in the run's own folder and loaded from
 * there. The file is the whole job, so a figure of the benchmark can be traced to (and rerun from) the exact config
 * that produced it; starting from the shipped file means the benchmark measures what a user gets.
 */
final class TextBenchJob {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private TextBenchJob() {
    }

    /**
     * Writes and loads the job.
     *
     * @param shipped  the shipped config to start from
     * @param data     the folder holding {@code train.jsonl}, {@code validation.jsonl} and {@code test.jsonl}
     * @param runs     the output folder; the run lives in {@code runs/runName}
     * @param settings values by dotted key ({@code hyperparameters.seed}); null clears a limit
     */
    static JobConfig write(Path shipped, Path data, Path runs, String runName, Map<String, Object> settings)
            throws IOException {
        ObjectNode root = (ObjectNode) YAML.readTree(shipped.toFile());
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("data.train", data.resolve("train.jsonl").toString());
        all.put("data.validation", data.resolve("validation.jsonl").toString());
        all.put("data.test", data.resolve("test.jsonl").toString());
        all.put("output.dir", runs.toString());
        all.put("output.run_name", runName);
        all.putAll(settings);
        all.forEach((key, value) -> set(root, key, YAML.valueToTree(value)));
        Path file = runs.resolve(runName).resolve("job.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# " + runName + ": " + shipped.getFileName() + " as the text benchmark ran it\n"
                + YAML.writeValueAsString(root));
        return ConfigLoader.load(file);
    }

    /** Sets {@code value} under a dotted key, making the sections on the way as needed. */
    private static void set(ObjectNode root, String dottedKey, JsonNode value) {
        String[] parts = dottedKey.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            node = child instanceof ObjectNode section ? section : node.putObject(parts[i]);
        }
        node.set(parts[parts.length - 1], value);
    }
}
