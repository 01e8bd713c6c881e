package io.sparkdistill.jobs.generate;

import io.sparkdistill.jobs.evaluate.EvaluateJob;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.RunLayout;
import io.sparkdistill.jobs.SharedSpark;
import io.sparkdistill.jobs.store.EnsembleSummary;
import io.sparkdistill.jobs.store.GenerateSummary;
import io.sparkdistill.jobs.store.SyntheticSchema;
import io.sparkdistill.jobs.teacher.FakeChatServer;
import io.sparkdistill.jobs.teacher.Fault;
import io.sparkdistill.jobs.teacher.FaultPlan;
import io.sparkdistill.jobs.teacher.LabelAnswerer;
import io.sparkdistill.jobs.train.TrainJob;
import io.sparkdistill.math.Softmax;
import io.sparkdistill.student.StudentMetadata;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * NLI with two teachers, the job of {@code conf/nli-ensemble.yaml}: the embedded teacher (weight 2) and an API
 * teacher on a loopback server (weight 1) that labels by keywords and truncates a few answers, so those examples
 * are answered by one teacher only. The steps share one run folder, so they run in order.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EnsembleGenerateTest {
    private static final List<String> LABELS = List.of("entailment", "neutral", "contradiction");
    private static final String KEY = "sk-ensemble-" + UUID.randomUUID();
    private static final int EXAMPLES = 300;
    private static final double T = 2.0;

    private static SparkSession spark;
    private static FakeChatServer server;
    private static JobConfig config;
    private static RunLayout layout;
    private static Map<String, Row> combinedAfterFirstRun;

    @BeforeAll
    static void start() throws Exception {
        spark = SharedSpark.session();
        Path data = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "ensemble-");
        Path project = Path.of("..").toAbsolutePath().normalize();
        String[] splits = {"train", "validation", "test"};
        int[] sizes = {200, 40, 60};
        for (int i = 0; i < splits.length; i++) {
            List<String> lines = Files.readAllLines(project.resolve("data-samples/nli/" + splits[i] + ".jsonl"))
                    .subList(0, sizes[i]);
            Files.write(data.resolve(splits[i] + ".jsonl"), lines);
        }
        Path keyFile = data.resolve("teacher.key");
        Files.writeString(keyFile, KEY);
        LabelAnswerer keywords = new LabelAnswerer(LABELS, Map.of(
                "big", "contradiction", "not ", "contradiction", "sleeping", "contradiction",
                "hungry", "neutral", "because", "neutral", "happy", "neutral"), "entailment");
        server = FakeChatServer.builder().apiKey(KEY).answerer(keywords)
                .faults(FaultPlan.builder().seed(11).share(0.05, Fault.truncated(), FaultPlan.ALWAYS).build())
                .start();
        String yaml = Files.readString(project.resolve("conf/nli-ensemble.yaml"))
                .replace("../data-samples/nli/", data + "/")
                .replace("dir: ../runs", "dir: " + data.resolve("runs"))
                .replace("provider: openai", "provider: generic")
                .replace("base_url: https://api.openai.com/v1", "base_url: " + server.baseUrl())
                .replace("api_key_env: OPENAI_API_KEY", "api_key_file: " + keyFile)
                .replace("requests_per_minute: 500", "requests_per_minute: 60000")
                .replace("num_epochs: 15", "num_epochs: 2")
                .replace("partitions: 4", "partitions: 2");
        config = ConfigLoader.parse(yaml, "nli-ensemble (test copy)");
        layout = RunLayout.of(config);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @Order(1)
    void softLabelsAreTheWeightedMeanOfEachTeachersAnswerToTheSameExample() {
        GenerateSummary summary = new GenerateJob(RunContext.create(config, spark)).run();

        Map<String, Row> minilm = rowsById(layout.teacherRun("minilm") + "/synthetic");
        Map<String, Row> gpt = rowsById(layout.teacherRun("gpt") + "/synthetic");
        Map<String, Row> combined = rowsById(layout.synthetic());
        assertEquals(EXAMPLES, minilm.size(), "the embedded teacher answers every example");
        assertTrue(gpt.size() < EXAMPLES && gpt.size() > 0.9 * EXAMPLES, "a few API answers are rejected: "
                + gpt.size());
        assertEquals(EXAMPLES, combined.size(), "an example one teacher answered is still combined");

        int disagreeing = 0;
        for (Map.Entry<String, Row> e : combined.entrySet()) {
            Row row = e.getValue();
            Row a = minilm.get(e.getKey());
            Row b = gpt.get(e.getKey());
            float[] pa = Softmax.of(SyntheticSchema.floats(a, "teacher_logits"), T);
            assertArrayEquals(SyntheticSchema.floats(a, "teacher_probabilities"), pa, 1e-6f,
                    "the embedded teacher's own soft labels are at T already");
            float[] expected = pa;
            if (b != null) {
                float[] pb = Softmax.of(SyntheticSchema.floats(b, "teacher_logits"), T);
                expected = new float[pa.length];
                for (int i = 0; i < pa.length; i++) {
                    expected[i] = (2 * pa[i] + pb[i]) / 3;
                }
            }
            float[] soft = SyntheticSchema.floats(row, "teacher_probabilities");
            assertArrayEquals(expected, soft, 1e-5f, e.getKey());
            assertArrayEquals(soft, Softmax.of(SyntheticSchema.floats(row, "teacher_logits"), T), 1e-5f,
                    "training re-tempers the logits at T and gets the same soft labels");
            String label = LABELS.get(Softmax.argmax(soft));
            assertEquals(label, row.getString(row.fieldIndex("teacher_label")));

            assertEquals(b == null ? 1 : 2, row.getInt(row.fieldIndex("teachers_answered")));
            Map<String, String> votes = votes(row);
            assertEquals(a.getString(a.fieldIndex("teacher_label")), votes.get("minilm"));
            double against = (votes.get("minilm").equals(label) ? 0 : 2)
                    + (b == null || votes.get("gpt").equals(label) ? 0 : 1);
            double disagreement = row.getDouble(row.fieldIndex("teacher_disagreement"));
            assertEquals(against / (b == null ? 2 : 3), disagreement, 1e-12, votes + " vs " + label);
            if (b != null && !votes.get("gpt").equals(votes.get("minilm"))) {
                assertTrue(disagreement > 0);
                disagreeing++;
            }
        }
        assertTrue(disagreeing > 0, "the keyword teacher and the encoder disagree somewhere");

        EnsembleSummary ensemble = summary.ensemble();
        assertEquals(List.of("minilm", "gpt"), ensemble.members().stream().map(EnsembleSummary.Member::name)
                .toList());
        assertEquals(gpt.size(), ensemble.members().get(1).acceptedRows());
        assertEquals(EXAMPLES - gpt.size(), ensemble.members().get(1).rejected());
        assertEquals(disagreeing, ensemble.rowsWithDisagreement());
        assertEquals((double) disagreeing / EXAMPLES, ensemble.disagreementRate(), 1e-12);
        assertEquals(Map.of("1", (long) EXAMPLES - gpt.size(), "2", (long) gpt.size()),
                ensemble.rowsByTeachersAnswered());
        assertEquals(EXAMPLES, server.distinctPrompts(), "the API teacher is asked each example once");
        assertEquals(List.of((long) EXAMPLES, (long) EXAMPLES), ensemble.members().stream()
                .map(EnsembleSummary.Member::teacherCalls).toList());
        assertEquals(2 * EXAMPLES, summary.teacherCalls(), "the calls of both teachers");
        assertEquals(EXAMPLES, summary.generated());

        Row any = combined.values().iterator().next();
        assertTrue(any.getString(any.fieldIndex("teacher_name")).startsWith("ensemble of minilm x2.0, gpt x1.0"));
        String details = any.getString(any.fieldIndex("teacher_details"));
        assertTrue(details.contains(ensemble.members().get(0).fingerprint())
                && details.contains(ensemble.members().get(1).fingerprint()), details);
        assertEquals(1, combined.values().stream().map(r -> r.getString(r.fieldIndex("teacher_fingerprint")))
                .distinct().count());
        combinedAfterFirstRun = combined;
    }

    @Test
    @Order(2)
    void aRerunCallsNoTeacherAndCombinesTheSameRows() {
        long requests = server.requestCount();

        GenerateSummary summary = new GenerateJob(RunContext.create(config, spark)).run();

        assertEquals(requests, server.requestCount(), "no request reached the API teacher");
        assertEquals(0, summary.teacherCalls());
        assertEquals(0, summary.generated());
        assertEquals(EXAMPLES, summary.alreadyGenerated());
        Map<String, Row> combined = rowsById(layout.synthetic());
        assertEquals(combinedAfterFirstRun.keySet(), combined.keySet());
        combined.forEach((id, row) -> assertArrayEquals(
                SyntheticSchema.floats(combinedAfterFirstRun.get(id), "teacher_probabilities"),
                SyntheticSchema.floats(row, "teacher_probabilities"), id));
    }

    @Test
    @Order(3)
    void theStudentTrainsOnTheCombinedSoftLabels() throws Exception {
        new TrainJob(RunContext.create(config, spark)).run();

        StudentMetadata student = StudentMetadata.read(Path.of(layout.model(RunLayout.DISTILLED))
                .resolve(StudentMetadata.FILE_NAME));
        assertTrue(student.provenance().teacher().name().startsWith("ensemble of"),
                student.provenance().toString());
    }

    @Test
    @Order(4)
    void theEnsembleIsEvaluatedAsOneTeacherWhoseMembersAnswerInTurn() throws Exception {
        new EvaluateJob(RunContext.create(config, spark)).run();

        JsonNode teacher = new ObjectMapper().readTree(Path.of(layout.metrics()).toFile()).path("models")
                .path("teacher");
        assertTrue(teacher.path("description").asText().startsWith("ensemble of"), teacher.toString());
        assertTrue(teacher.path("latency").path("p50_ms").asDouble() > 0, "the members' times add up");
        assertEquals(-1, teacher.path("parameter_count").asLong(), "an API member's size is unknown, so is the sum");
    }

    private static Map<String, Row> rowsById(String path) {
        return SyntheticSchema.read(spark, path).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(r.fieldIndex("id")), r -> r));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> votes(Row row) {
        try {
            return new HashMap<>(new ObjectMapper().readValue(row.getString(row.fieldIndex("teacher_votes")),
                    Map.class));
        } catch (Exception e) {
            throw new AssertionError("teacher_votes is not JSON: " + row.getString(row.fieldIndex("teacher_votes")));
        }
    }
}
