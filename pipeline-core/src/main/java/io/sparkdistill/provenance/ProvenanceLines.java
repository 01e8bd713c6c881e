package io.sparkdistill.provenance;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A provenance as short lines of text, item to value: the report's provenance section and what
 * {@code distill provenance} prints. The full record, the effective config included, is in the JSON files.
 */
public final class ProvenanceLines {

    private ProvenanceLines() {
    }

    public static Map<String, String> of(Provenance p) {
        Map<String, String> lines = new LinkedHashMap<>();
        put(lines, "run", p.runId());
        put(lines, "made at", p.createdAt());
        if (p.project() != null) {
            lines.put("spark-distill", p.project().version() + ", commit " + p.project().gitCommit());
        }
        if (p.config() != null) {
            lines.put("config sha-256", p.config().sha256());
        }
        p.inputs().forEach(f -> lines.put("input " + f.path(), f.bytes() + " bytes, sha-256 " + f.sha256()));
        TeacherIdentity t = p.teacher();
        if (t != null) {
            lines.put("teacher", t.name() + " (" + t.version() + "), fingerprint " + t.fingerprint());
            put(lines, "prompt template", t.templateVersion());
            put(lines, "synthetic data from run", t.generatedByRun());
        }
        if (p.seed() != null) {
            lines.put("seed", String.valueOf(p.seed()));
        }
        if (!p.hyperparameters().isEmpty()) {
            lines.put("hyperparameters", p.hyperparameters().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
        }
        if (p.runtime() != null) {
            lines.put("java, spark, dl4j", p.runtime().java() + ", " + p.runtime().spark() + ", "
                    + p.runtime().dl4j());
        }
        return lines;
    }

    private static void put(Map<String, String> lines, String item, String value) {
        if (value != null) {
            lines.put(item, value);
        }
    }
}
