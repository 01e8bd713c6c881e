package io.sparkdistill.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.jobs.cli.DistillMain;
import io.sparkdistill.jobs.evaluate.EvaluateJob;
import io.sparkdistill.jobs.generate.GenerateJob;
import io.sparkdistill.jobs.store.GenerateSummary;
import io.sparkdistill.jobs.train.TrainJob;
import io.sparkdistill.provenance.EffectiveConfig;
import io.sparkdistill.teacher.SentenceEncoder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole pipeline on local[2] over the customer-support sample, with bad rows planted in the training file:
 * generate, train, evaluate, then generate again; the run's provenance last. The steps share one run folder, so they
 * run in order.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineEndToEndTest {
    private static final List<String> PLANTED = List.of(
            "{\"text\": \"my card was charged twice\", \"label\": \"billing\"",          // malformed JSON
            "{\"label\": \"billing\"}",                                                // missing text
            "{\"text\": 12345, \"label\": \"refund_request\"}",                       // number, not text
            "{\"text\": \"please help with my order\", \"label\": \"complaint\"}");   // unknown label

    private static SparkSession spark;
    private static JobConfig config;
    private static RunLayout layout;
    private static long validRows;
    private static long plantedFrom;

    @BeforeAll
    static void prepare() throws Exception {
        spark = SharedSpark.session();
        Path data = TestJobs.copySamples("customer-support");
        Path train = data.resolve("train.jsonl");
        plantedFrom = Files.readAllLines(train).size() + 1;
        validRows = 0;
        for (String split : new String[]{"train", "validation", "test"}) {
            validRows += Files.readAllLines(data.resolve(split + ".jsonl")).stream().filter(l -> !l.isBlank()).count();
        }
        Files.write(train, PLANTED, StandardOpenOption.APPEND);
        config = TestJobs.job("customer-support", data);
        layout = RunLayout.of(config);
    }

    @Test
    @Order(1)
    void generateWritesEveryValidRowOnceAndQuarantinesThePlantedOnes() {
        GenerateSummary summary = new GenerateJob(RunContext.create(config, spark)).run();

        Dataset<Row> synthetic = spark.read().parquet(layout.synthetic());
        assertEquals(validRows, synthetic.count(), "one synthetic row per valid input row");
        assertEquals(validRows, synthetic.select("id").distinct().count(), "no id twice");
        assertEquals(validRows, summary.teacherCalls());
        assertEquals(1, SentenceEncoder.loadCount(), "one teacher model per JVM");

        Map<Long, String> quarantined = spark.read().parquet(layout.quarantine()).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getLong(r.fieldIndex("source_line")),
                        r -> r.getString(r.fieldIndex("reason"))));
        assertEquals(Map.of(plantedFrom, "malformed_json", plantedFrom + 1, "missing_field",
                plantedFrom + 2, "wrong_type", plantedFrom + 3, "unknown_label"), quarantined);
        assertEquals(4L, summary.quarantinedByReason().values().stream().mapToLong(Long::longValue).sum());

        Row row = synthetic.where(col("split").equalTo("train")).first();
        assertEquals(config.labels().size(), row.getList(row.fieldIndex("teacher_probabilities")).size());
        assertTrue(row.getString(row.fieldIndex("teacher_fingerprint")).matches("[0-9a-f]{12}"));
        assertEquals(config.hyperparameters().temperature(), row.getDouble(row.fieldIndex("temperature")));
    }

    @Test
    @Order(2)
    void theDistilledStudentKeepsAtLeastNinetyPercentOfTheTeachersAccuracy() throws Exception {
        RunContext run = RunContext.create(config, spark);
        new TrainJob(run).run();
        String report = new EvaluateJob(run).run();

        JsonNode metrics = new ObjectMapper().readTree(Files.readString(Path.of(layout.metrics())));
        double teacher = metrics.at("/models/teacher/scores/accuracy").asDouble();
        double distilled = metrics.at("/models/distilled/scores/accuracy").asDouble();
        double baseline = metrics.at("/models/baseline/scores/accuracy").asDouble();
        System.out.printf("teacher %.3f, baseline %.3f, distilled %.3f%n", teacher, baseline, distilled);
        assertTrue(teacher > 0.7, "the teacher learned the task: " + teacher);
        assertTrue(distilled >= 0.9 * teacher, "distilled " + distilled + " vs teacher " + teacher);
        assertTrue(Files.readString(Path.of(report)).contains("Distilled student"));
        assertTrue(Files.exists(Path.of(layout.predictions(), "_SUCCESS")));
    }

    @Test
    @Order(3)
    void eachModelsMemoryIsMeasuredInAFreshProcessAndTheTeacherNeedsMoreThanTheStudents() throws Exception {
        JsonNode metrics = new ObjectMapper().readTree(Files.readString(Path.of(layout.metrics())));
        JsonNode memory = metrics.at("/summary/details/memory");
        long emptyJvm = memory.at("/empty_jvm/peak_resident_bytes").asLong();
        long teacher = metrics.at("/models/teacher/memory_bytes").asLong();
        assertTrue(emptyJvm > 0, memory::toString);
        for (String student : List.of("baseline", "distilled")) {
            long bytes = metrics.at("/models/" + student + "/memory_bytes").asLong();
            assertTrue(bytes > emptyJvm, student + " " + bytes + " against an empty JVM's " + emptyJvm);
            assertTrue(teacher > bytes, "teacher " + teacher + " against the " + student + "'s " + bytes);
        }
        Set<Long> pids = new HashSet<>(List.of(ProcessHandle.current().pid(), memory.at("/empty_jvm/pid").asLong()));
        memory.get("models").forEach(m -> pids.add(m.get("pid").asLong()));
        assertEquals(5, pids.size(), "this JVM, the empty JVM and one process per model: " + memory);
        assertTrue(Files.readString(Path.of(layout.report())).contains("an empty JVM"));
    }

    @Test
    @Order(4)
    void aSecondGenerateMakesNoTeacherCallsAndANewRowCostsOneCall() throws Exception {
        GenerateSummary again = new GenerateJob(RunContext.create(config, spark)).run();
        assertEquals(0, again.teacherCalls());
        assertEquals(0, again.generated());
        assertEquals(validRows, again.alreadyGenerated());

        Path test = Path.of(config.data().test());
        Files.writeString(test, "{\"text\": \"is the blue kettle dishwasher safe\", \"label\": \"product_question\"}\n",
                StandardOpenOption.APPEND);
        GenerateSummary withNewRow = new GenerateJob(RunContext.create(config, spark)).run();
        assertEquals(1, withNewRow.teacherCalls());
        assertEquals(validRows + 1, spark.read().parquet(layout.synthetic()).count());
    }

    @Test
    @Order(5)
    void theSavedStudentPredictsFromTheCommandLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = DistillMain.run(new String[]{"predict", "--model", layout.model("distilled"),
                "--text", "I was charged twice on my credit card this month"},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code);
        assertTrue(printed.startsWith("billing"), printed);
        assertTrue(printed.contains("refund_request"), "every label's probability is printed: " + printed);
    }

    @Test
    @Order(6)
    void theRunsMetricsAndReportRecordItsProvenanceAndTheCommandPrintsIt() throws Exception {
        JsonNode provenance = new ObjectMapper().readTree(Files.readString(Path.of(layout.metrics())))
                .at("/summary/provenance");
        JsonNode student = new ObjectMapper().readTree(Files.readString(Path.of(layout.model("distilled"),
                "student.json"))).get("provenance");
        assertEquals(student.get("run_id"), provenance.get("run_id"), "evaluated in the run that trained");
        String hash = EffectiveConfig.of(config).sha256();
        assertEquals(hash, provenance.at("/config/sha256").asText());
        assertEquals(hash, student.at("/config/sha256").asText());
        assertEquals(3, provenance.get("inputs").size(), provenance.toString());
        // The test file gained a row after the evaluation (Order 3): its recorded size says it is not the same file.
        JsonNode test = provenance.get("inputs").get(2);
        assertTrue(test.get("path").asText().endsWith("test.jsonl"), test.toString());
        assertTrue(test.get("bytes").asLong() < Files.size(Path.of(config.data().test())), test.toString());
        assertTrue(Files.readString(Path.of(layout.report())).contains("| config sha-256 | " + hash + " |"));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, DistillMain.run(new String[]{"provenance", layout.root()},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.startsWith("Provenance recorded in " + Path.of(layout.metrics())), printed);
        assertTrue(printed.contains(hash), printed);
    }
}
