package io.sparkdistill.provenance;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.config.StudentConfig;
import io.sparkdistill.student.StudentMetadata;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProvenanceTest {

    /** A provenance as a run records it: every part filled, numbers of every kind the hyperparameters hold. */
    static Provenance recorded() {
        Map<String, Object> hyperparameters = new LinkedHashMap<>();
        hyperparameters.put("learning_rate", 0.01);
        hyperparameters.put("num_epochs", 10);
        hyperparameters.put("seed", 7L);
        hyperparameters.put("class_weighting", "balanced");
        return new Provenance("support-20261206T030000Z", "2026-12-06T03:00:00Z", ProjectBuild.current(),
                RuntimeVersions.current("3.5.9"), EffectiveConfig.of(EffectiveConfigTest.apiJob()),
                List.of(new InputFile("data/train.jsonl", 3,
                        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")),
                new TeacherIdentity("gpt-4o-mini", "generic", "0123456789ab", "classification-v3",
                        "support-20261206T025500Z"), hyperparameters, 7L);
    }

    @Test
    void readsBackEqualToWhatWasWritten() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Provenance written = recorded();
        Provenance read = json.readValue(json.writeValueAsString(written), Provenance.class);
        assertEquals(written, read);
    }

    @Test
    void aStudentJsonCarriesItThroughAWriteAndARead() throws Exception {
        Path file = Files.createDirectories(Path.of("target", "provenance-test")).resolve("student.json");
        StudentConfig config = StudentConfig.fastText(512, 16, 2, 4);
        StudentMetadata.fastText("distilled", "classification", List.of("billing", "refund"), config.buckets(),
                config.ngrams(), config.charNgrams(), config.dimension(), Map.of(), recorded(),
                Map.of("epochs_run", 3)).write(file);
        StudentMetadata read = StudentMetadata.read(file);
        assertEquals(recorded(), read.provenance());
        assertEquals(Map.of("epochs_run", 3), read.training());
        String text = Files.readString(file);
        assertTrue(text.contains(recorded().config().sha256()), text);
        assertFalse(text.contains("pl4nted"), "a planted secret reached student.json:\n" + text);
    }

    @Test
    void recordsTheVersionMavenBuiltAndACommitOrUnknown() {
        ProjectBuild build = ProjectBuild.current();
        assertTrue(build.version().matches("\\d+\\.\\d+\\.\\d+.*"), build.version());
        assertTrue(build.gitCommit().matches("[0-9a-f]{40}(-dirty)?|unknown"), build.gitCommit());
    }

    @Test
    void anUnfilledOrBlankBuildValueReadsAsUnknown() {
        assertEquals(new ProjectBuild("unknown", "unknown"), new ProjectBuild("${project.version}", " "));
    }

    @Test
    void itsLinesNameTheInputsTheirChecksumsAndTheTeacher() {
        Map<String, String> lines = ProvenanceLines.of(recorded());
        assertEquals("3 bytes, sha-256 ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                lines.get("input data/train.jsonl"));
        assertEquals("gpt-4o-mini (generic), fingerprint 0123456789ab", lines.get("teacher"));
        assertEquals("classification-v3", lines.get("prompt template"));
        assertEquals(recorded().config().sha256(), lines.get("config sha-256"));
        assertEquals("7", lines.get("seed"));
        assertFalse(lines.toString().contains("pl4nted"), lines.toString());
    }
}
