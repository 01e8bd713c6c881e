package io.sparkdistill.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The provenance recorded in a folder, for {@code distill provenance}: a saved student's {@code student.json}, or a
 * run folder's {@code metrics.json} (the evaluation), or, in a run not yet evaluated, its distilled student's.
 *
 * @param file       the file it was read from
 * @param provenance the record
 * @param json       the record as written, for {@code --json}
 */
public record SavedProvenance(Path file, Provenance provenance, JsonNode json) {
    private static final ObjectMapper JSON = new ObjectMapper();
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
}
