package io.sparkdistill.provenance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SavedProvenanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path folder(String name) throws IOException {
        Path folder = Path.of("target", "saved-provenance-test", name);
        if (Files.exists(folder)) {
            try (var files = Files.walk(folder)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
            }
        }
        return Files.createDirectories(folder);
    }

    @Test
    void readsAStudentsProvenanceFromItsStudentJson() throws Exception {
        Path model = folder("model");
        ObjectNode card = JSON.createObjectNode().put("kind", "distilled");
        card.set("provenance", JSON.valueToTree(ProvenanceTest.recorded()));
        JSON.writeValue(model.resolve("student.json").toFile(), card);
        SavedProvenance saved = SavedProvenance.in(model);
        assertEquals(ProvenanceTest.recorded(), saved.provenance());
        assertEquals(model.resolve("student.json"), saved.file());
        assertTrue(Pattern.compile("\n  teacher +gpt-4o-mini \\(generic\\), fingerprint 0123456789ab\n")
                .matcher(saved.text()).find(), saved.text());
        assertEquals(ProvenanceTest.recorded(), JSON.readValue(saved.prettyJson(), Provenance.class));
    }

    @Test
    void readsARunsProvenanceFromItsMetricsJson() throws Exception {
        Path run = folder("run");
        ObjectNode metrics = JSON.createObjectNode();
        metrics.putObject("summary").set("provenance", JSON.valueToTree(ProvenanceTest.recorded()));
        JSON.writeValue(run.resolve("metrics.json").toFile(), metrics);
        assertEquals(ProvenanceTest.recorded(), SavedProvenance.in(run).provenance());
    }

    @Test
    void saysWhatItLookedForInAFolderWithout() throws Exception {
        IOException e = assertThrows(IOException.class, () -> SavedProvenance.in(folder("empty")));
        assertTrue(e.getMessage().contains("no student.json, metrics.json or models/distilled/student.json in"),
                e.getMessage());
    }
}
