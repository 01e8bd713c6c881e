package io.sparkdistill.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.config.ConfigOverrides;
import io.sparkdistill.jobs.SharedSpark;
import io.sparkdistill.jobs.TestJobs;
import io.sparkdistill.provenance.InputFile;
import io.sparkdistill.provenance.ProjectBuild;
import io.sparkdistill.provenance.Provenance;
import io.sparkdistill.provenance.RuntimeVersions;
import io.sparkdistill.provenance.TeacherIdentity;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DistillMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return DistillMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsEveryCommandAndExitsZero() {
        assertEquals(0, run("--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        for (String command : new String[]{"run", "generate", "train", "evaluate", "predict", "provenance",
                "--config"}) {
            assertTrue(help.contains(command), command);
        }
    }

    @Test
    void provenancePrintsHowASavedStudentWasMadeAndItsRecordWithJson() throws Exception {
        Path model = Files.createDirectories(Path.of("target", "distill-main-test", "model"));
        Provenance provenance = new Provenance("support-20261206T030000Z", "2026-12-06T03:00:00Z",
                new ProjectBuild("0.1.0-SNAPSHOT", "unknown"), new RuntimeVersions("17.0.9", "3.5.9", "1.0.0-M2"),
                null, List.of(new InputFile("data/train.jsonl", 3, "ba7816bf")),
                new TeacherIdentity("minilm-head", "bundled", "abc123", null, "support-20261206T025500Z"),
                Map.of("num_epochs", 2), 7L);
        ObjectMapper json = new ObjectMapper();
        json.writeValue(model.resolve("student.json").toFile(), Map.of("kind", "distilled", "provenance", provenance));

        assertEquals(0, run("provenance", model.toString()));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("input data/train.jsonl") && text.contains("3 bytes, sha-256 ba7816bf"), text);
        assertTrue(text.contains("minilm-head (bundled), fingerprint abc123"), text);
        out.reset();
        assertEquals(0, run("provenance", "--json", model.toString()));
        assertEquals(provenance, json.readValue(out.toString(StandardCharsets.UTF_8), Provenance.class));
    }

    @Test
    void provenanceOfAFolderWithoutOneSaysWhatToGive() throws Exception {
        Path empty = Files.createDirectories(Path.of("target", "distill-main-test", "empty"));
        assertEquals(2, run("provenance", empty.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("give a saved student's folder"),
                err.toString(StandardCharsets.UTF_8));
        assertEquals(2, run("provenance"));
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertEquals(2, run("distil"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown command 'distil'"));
    }

    @Test
    void anOptionWithoutItsValueIsAUsageError() {
        assertEquals(2, run("run", "--config"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--config needs a value"));
    }

    @Test
    void aBadConfigStopsBeforeSparkStartsAndNamesTheKey() throws Exception {
        Path config = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "bad", ".yaml");
        Files.writeString(config, """
                name: bad
                task: classification
                labels: [a, b]
                data: {train: t.jsonl, test: t.jsonl}
                hyperparameters: {num_epochs: 0}
                """);
        assertEquals(2, run("train", "--config", config.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("hyperparameters.num_epochs: expected a positive number"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyShippedConfigIsValid() throws Exception {
        try (var files = Files.list(TestJobs.PROJECT.resolve("conf"))) {
            long checked = files.filter(p -> p.toString().endsWith(".yaml"))
                    .peek(p -> DistillMain.loadConfig(p.toString(), ConfigOverrides.none())).count();
            assertTrue(checked >= 2, "conf/ holds the sample jobs");
        }
    }

    @Test
    void scorePrintsOneJsonObjectOfTheTasksMetrics() throws Exception {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "score");
        Path predictions = dir.resolve("p.jsonl");
        Path references = dir.resolve("r.jsonl");
        Files.writeString(predictions, "{\"id\": \"1\", \"prediction\": \"The Eiffel Tower\"}\n"
                + "{\"id\": \"2\", \"prediction\": \"in 1999\"}\n");
        Files.writeString(references, "{\"id\": \"1\", \"references\": [\"Eiffel Tower\"]}\n"
                + "{\"id\": \"2\", \"references\": [\"1998\", \"in 1998\"]}\n");
        assertEquals(0, run("score", "--task", "qa", "--predictions", predictions.toString(),
                "--references", references.toString()));
        var metrics = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        // SQuAD v1.1: "The Eiffel Tower" normalises to "eiffel tower" (EM 1); "in 1999" vs "in 1998": F1 0.5.
        assertEquals(50.0, metrics.get("exact_match").asDouble(), 1e-9);
        assertEquals(75.0, metrics.get("f1").asDouble(), 1e-9);
    }

    @Test
    void scoreNamesTheIdsMissingOnEitherSide() throws Exception {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "score");
        Path predictions = dir.resolve("p.jsonl");
        Path references = dir.resolve("r.jsonl");
        Files.writeString(predictions, "{\"id\": \"a\", \"prediction\": \"billing\"}\n");
        Files.writeString(references, "{\"id\": \"b\", \"label\": \"billing\"}\n");
        assertEquals(2, run("score", "--task", "classification", "--predictions", predictions.toString(),
                "--references", references.toString()));
        String error = err.toString(StandardCharsets.UTF_8);
        assertTrue(error.contains("\"a\"") && error.contains("\"b\""), error);
    }

    @Test
    void setOverridesReachTheJob() throws Exception {
        SharedSpark.session();
        Path data = TestJobs.copySamples("customer-support");
        Path config = data.resolve("job.yaml");
        Files.writeString(config, TestJobs.yaml("customer-support-api", data));
        // batch-export renders every pending request with the endpoint's model, into the run folder: both come
        // from --set here, and no teacher is called.
        assertEquals(0, run("batch-export", "--config", config.toString(),
                "--set", "teacher.endpoint.model=model-from-set", "--set", "output.run_name=from-set"),
                err.toString(StandardCharsets.UTF_8));
        Path input = data.resolve("runs/from-set/batch/input");
        List<String> lines;
        try (Stream<Path> files = Files.list(input)) {
            lines = files.filter(p -> p.getFileName().toString().startsWith("part-")).flatMap(p -> {
                try {
                    return Files.readAllLines(p).stream();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertTrue(lines.size() > 100, "a request per training example, found " + lines.size());
        assertTrue(lines.stream().allMatch(l -> l.contains("\"model\":\"model-from-set\"")), lines.get(0));
    }

    @Test
    void anOverrideOfAKeyTheConfigLacksIsAConfigError() {
        assertEquals(2, run("train", "--config", TestJobs.PROJECT.resolve("conf/customer-support.yaml").toString(),
                "--set", "hyperparameters.epochs=3"));
        String error = err.toString(StandardCharsets.UTF_8);
        assertTrue(error.contains("--set hyperparameters.epochs: unknown key 'hyperparameters.epochs'"), error);
    }
}
