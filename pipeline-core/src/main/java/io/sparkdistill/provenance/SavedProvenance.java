package io.sparkdistill.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The provenance recorded in a folder, for {@code distill provenance}: a saved student's {@code student.json}, or a
 * run folder's {@code metrics.json} (the evaluation), or, in a run not yet evaluated, its distilled student's.
 *
 * @param file       the file it was read from
 * @param provenance the record
 * @param json       the record as written, for {@code --json}
 */
public record SavedProvenance(Path file, Provenance provenance, JsonNode json) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String STUDENT = "student.json";
    private static final String METRICS = "metrics.json";
    private static final String DISTILLED = "models/distilled/student.json";

    /** Reads the provenance of the student or run in {@code folder}; IOException says which files were looked for. */
    public static SavedProvenance in(Path folder) throws IOException {
        for (String name : List.of(STUDENT, METRICS, DISTILLED)) {
            Path file = folder.resolve(name);
            if (Files.isRegularFile(file)) {
                JsonNode root = JSON.readTree(file.toFile());
                JsonNode node = name.equals(METRICS) ? root.at("/summary/provenance") : root.path("provenance");
                if (!node.isObject()) {
                    throw new IOException(file + " records no provenance (saved by an older spark-distill?)");
                }
                return new SavedProvenance(file, JSON.treeToValue(node, Provenance.class), node);
            }
        }
        throw new IOException("no " + STUDENT + ", " + METRICS + " or " + DISTILLED + " in " + folder
                + ": give a saved student's folder (<run>/models/distilled) or a run folder");
    }

    /** The record as short lines, item and value, under the file it came from. */
    public String text() {
        Map<String, String> lines = ProvenanceLines.of(provenance);
        int width = lines.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder out = new StringBuilder("Provenance recorded in ").append(file).append('\n');
        lines.forEach((item, value) -> out.append("  ").append(item).append(" ".repeat(width - item.length() + 2))
                .append(value).append('\n'));
        return out.append("(the effective config: --json)").toString();
    }

    /** The record as written, indented. */
    public String prettyJson() {
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always writes", e);
        }
    }
}
