package io.sparkdistill.jobs.generate;

import io.sparkdistill.jobs.store.GenerateSummary;
import io.sparkdistill.jobs.store.SyntheticSchema;
import io.sparkdistill.jobs.train.TrainJob;
import io.sparkdistill.jobs.evaluate.EvaluateJob;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.config.LocalModelSettings;
import io.sparkdistill.ingest.Example;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.SharedSpark;
import io.sparkdistill.jobs.ingest.IngestResult;
import io.sparkdistill.jobs.ingest.InputReader;
import io.sparkdistill.math.Softmax;
import io.sparkdistill.teacher.LinearHead;
import io.sparkdistill.teacher.SentenceEncoder;
import io.sparkdistill.teacher.local.LocalModel;
import io.sparkdistill.teacher.local.LocalModelFiles;
import io.sparkdistill.teacher.local.LocalSession;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generate with a local teacher: the shipped MiniLM, pointed at through the generic path as a user's encoder, on the
 * first 100/20/40 lines of the customer-support sample. Built directly, since teacher.kind: local is not wired into
 * TeacherConfig and GenerateJob yet. The classifier kind runs on a hand-written ONNX model whose logits are
 * n * w + b (n: the text's token count) with the shipped MiniLM tokenizer: the logits come back exactly, in label
 * order, and generate writes softmax(logits / T).
 */
@Tag("slow")
class LocalModelGenerationTest {
    private static final List<String> LABELS = List.of("billing", "cancel_subscription", "technical_issue",
            "shipping_delivery", "account_access", "refund_request", "product_question");
    private static final float[] W = {0.5f, -0.5f, 0, 0.1f, 0, 0, 0};
    private static final float[] B = {-5, 5, 0, 0, -1, -1, -1};

    /** BundledModel's folder: where SentenceEncoder extracted the shipped model. */
    private static Path bundledFolder() {
        String fingerprint = SentenceEncoder.shared().fingerprint();
        String configured = System.getProperty("sparkdistill.model.dir");
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "spark-distill-models", fingerprint);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local path", "file:// URL"})
    void everyExampleGetsOneSyntheticRowFromTheLocalEncoderAndItsHead(String route) throws Exception {
        SparkSession spark = SharedSpark.session();
        Path project = Path.of("..").toAbsolutePath().normalize();
        Path data = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "local-teacher-");
        Map<String, Integer> lines = Map.of("train", 100, "validation", 20, "test", 40);
        for (Map.Entry<String, Integer> split : lines.entrySet()) {
            List<String> head = Files.readAllLines(project.resolve("data-samples/customer-support/" + split.getKey()
                    + ".jsonl")).stream().filter(l -> !l.isBlank()).limit(split.getValue()).toList();
            Files.write(data.resolve(split.getKey() + ".jsonl"), head);
        }
        JobConfig config = ConfigLoader.parse("""
                name: local-teacher
                task: classification
                labels: [billing, cancel_subscription, technical_issue, shipping_delivery, account_access, refund_request, product_question]
                data: {train: %s, validation: %s, test: %s}
                teacher: {batch_size: 16}
                spark: {partitions: 3}
                output: {dir: %s}
                """.formatted(data.resolve("train.jsonl"), data.resolve("validation.jsonl"),
                data.resolve("test.jsonl"), data.resolve("runs")), "local-teacher.yaml");
        RunContext run = RunContext.create(config, spark);

        Path folder = bundledFolder();
        String path = route.startsWith("file") ? folder.toUri().toString() : folder.toString();
        if (route.startsWith("file")) {
            assertTrue(path.startsWith("file:/"), path);
            LocalModelTestSupport.deleteTree(LocalModelFiles.cacheFolder(path));
        }
        LocalModelSettings settings = new LocalModelSettings(path, "OnnxRuntime", "encoder", "all-minilm-l6-v2-q",
                null, "mean", true, 256);
        LocalModelGeneration teacher = new LocalModelGeneration(run, settings);
        assertEquals(SentenceEncoder.shared().fingerprint(), teacher.teacherFingerprint(), "same ONNX bytes");

        IngestResult input = new InputReader(spark, config).read(run.layout().quarantine());
        JavaRDD<Example> pending = input.examples().repartition(3);
        long count = pending.count();
        assertEquals(160, count);
        LongAccumulator calls = spark.sparkContext().longAccumulator("teacher calls");
        int loadsBefore = LocalModel.loadCount();

        GenerationCounts counts = teacher.generate(pending, count, calls);

        assertEquals(160, counts.accepted());
        assertTrue(counts.headFitted());
        assertEquals(160, calls.value(), "one call per example");
        assertEquals(loadsBefore + 1, LocalModel.loadCount(), "three partitions, one load in this JVM");
        List<Row> rows = SyntheticSchema.read(spark, run.layout().synthetic()).collectAsList();
        assertEquals(160, rows.size(), "one synthetic row per example");
        assertEquals(160, rows.stream().map(r -> r.getString(r.fieldIndex("id"))).distinct().count());
        assertEquals(Map.of("train", 100L, "validation", 20L, "test", 40L), rows.stream().collect(
                Collectors.groupingBy(r -> r.getString(r.fieldIndex("split")), Collectors.counting())));
        long agree = 0;
        for (Row row : rows) {
            float[] p = SyntheticSchema.floats(row, "teacher_probabilities");
            assertEquals(7, p.length);
            double sum = 0;
            for (float v : p) {
                sum += v;
            }
            assertEquals(1.0, sum, 1e-4);
            assertEquals(SentenceEncoder.shared().fingerprint(), row.getString(row.fieldIndex("teacher_fingerprint")));
            assertEquals(path, row.getString(row.fieldIndex("teacher_version")));
            String details = row.getString(row.fieldIndex("teacher_details"));
            assertTrue(details.matches("(?s).*\"pooling\"\\s*:\\s*\"mean\".*"), details);
            assertTrue(details.contains("\"head\""), details);
            if (row.getString(row.fieldIndex("split")).equals("test")
                    && row.getString(row.fieldIndex("teacher_label")).equals(row.getString(row.fieldIndex("label")))) {
                agree++;
            }
        }
        assertTrue(agree >= 20, "the teacher is right on " + agree + " of 40 test examples");
        LinearHead head = LinearHead.fromJson(run.storage().readString(run.layout().teacherHead()));
        assertEquals(384, head.featureCount());
        assertEquals(100, head.fit().trainExamples());
        if (route.startsWith("file")) {
            assertTrue(Files.isRegularFile(LocalModelFiles.cacheFolder(path).resolve(folder.getFileName())
                    .resolve("all-minilm-l6-v2-q.onnx")), "the Hadoop copy is in the local cache folder");
        }
    }

    @Test
    void aJobWithALocalTeacherRunsGenerateTrainAndEvaluateFromItsConfig() throws Exception {
        SparkSession spark = SharedSpark.session();
        Path project = Path.of("..").toAbsolutePath().normalize();
        Path data = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "local-job-");
        for (String split : new String[]{"train", "validation", "test"}) {
            List<String> head = Files.readAllLines(project.resolve("data-samples/customer-support/" + split
                    + ".jsonl")).stream().filter(l -> !l.isBlank()).limit(120).toList();
            Files.write(data.resolve(split + ".jsonl"), head);
        }
        JobConfig config = ConfigLoader.parse("""
                name: local-job
                task: classification
                labels: [billing, cancel_subscription, technical_issue, shipping_delivery, account_access, refund_request, product_question]
                data: {train: %s, validation: %s, test: %s}
                teacher:
                  kind: local
                  local: {path: "%s", kind: encoder, model_name: all-minilm-l6-v2-q, pooling: mean, normalize: true}
                hyperparameters: {num_epochs: 2}
                evaluation: {latency_examples: 30, warmup_examples: 10}
                output: {dir: %s}
                """.formatted(data.resolve("train.jsonl"), data.resolve("validation.jsonl"),
                data.resolve("test.jsonl"), bundledFolder().toUri(), data.resolve("runs")), "local-job.yaml");
        RunContext run = RunContext.create(config, spark);

        GenerateSummary generated = new GenerateJob(run).run();
        assertEquals(360, generated.generated());
        new TrainJob(run).run();
        new EvaluateJob(run).run();

        JsonNode metrics = new ObjectMapper().readTree(Files.readString(Path.of(run.layout().metrics())));
        assertTrue(metrics.at("/models/teacher/scores/accuracy").asDouble() > 0.5);
        assertTrue(metrics.at("/models/teacher/size_on_disk_bytes").asLong() > 1_000_000, "the model file's size");
        assertTrue(metrics.at("/models/teacher/description").asText().contains("all-minilm-l6-v2-q"),
                metrics.at("/models/teacher/description").asText());
    }

    private static Path modelFolder() throws Exception {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "tiny-classifier-");
        TinyOnnxClassifier.write(dir.resolve("tiny.onnx"), W, B);
        try (InputStream in = LocalModelGenerationTest.class.getResourceAsStream(
                "/all-minilm-l6-v2-q-tokenizer.json")) {
            Files.copy(in, dir.resolve("tokenizer.json"));
        }
        return dir;
    }

    @Test
    void logitsComeBackInLabelOrderAndGenerateWritesTheirSoftmax() throws Exception {
        Path folder = modelFolder();
        LocalModelSettings settings = new LocalModelSettings(folder.toUri().toString(), null, "classifier", null,
                null, null, null, 64);
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder().optTokenizerPath(folder.resolve(
                "tokenizer.json")).optTruncation(true).optMaxLength(64).build();

        SparkSession spark = SharedSpark.session();
        Path project = Path.of("..").toAbsolutePath().normalize();
        Path data = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "local-classifier-");
        for (String split : new String[]{"train", "validation", "test"}) {
            Files.write(data.resolve(split + ".jsonl"), Files.readAllLines(project.resolve(
                    "data-samples/customer-support/" + split + ".jsonl")).stream().limit(10).toList());
        }
        JobConfig config = ConfigLoader.parse("""
                name: local-classifier
                task: classification
                labels: %s
                data: {train: %s, validation: %s, test: %s}
                hyperparameters: {temperature: 2.0}
                output: {dir: %s}
                """.formatted(LABELS, data.resolve("train.jsonl"), data.resolve("validation.jsonl"),
                data.resolve("test.jsonl"), data.resolve("runs")), "local-classifier.yaml");
        RunContext run = RunContext.create(config, spark);
        LocalModelGeneration teacher = new LocalModelGeneration(run, settings);
        IngestResult input = new InputReader(spark, config).read(run.layout().quarantine());
        JavaRDD<Example> pending = input.examples().repartition(2);
        LongAccumulator calls = spark.sparkContext().longAccumulator("teacher calls");

        GenerationCounts counts = teacher.generate(pending, 30, calls);

        assertEquals(30, counts.accepted());
        assertEquals(30, calls.value());
        List<Row> rows = SyntheticSchema.read(spark, run.layout().synthetic()).collectAsList();
        assertEquals(30, rows.size());
        for (Row row : rows) {
            String text = row.<String, String>getJavaMap(row.fieldIndex("inputs")).get("text");
            float n = tokenizer.encode(text).getIds().length;
            float[] logits = SyntheticSchema.floats(row, "teacher_logits");
            float[] expected = new float[LABELS.size()];
            for (int c = 0; c < expected.length; c++) {
                expected[c] = n * W[c] + B[c];
            }
            assertArrayEquals(expected, logits, 1e-4f, text);
            assertArrayEquals(Softmax.of(expected, 2.0), SyntheticSchema.floats(row, "teacher_probabilities"), 1e-5f);
            assertEquals(LABELS.get(Softmax.argmax(expected)), row.getString(row.fieldIndex("teacher_label")));
            assertTrue(row.getString(row.fieldIndex("teacher_name")).contains("tiny"));
        }

        // Pairs (nli) are one sequence pair each: n counts both texts and the separators.
        try (LocalSession session = LocalModel.shared(settings, url -> {
            throw new AssertionError("generate already copied " + url + " to this host");
        }).newSession()) {
            float[][] pair = session.pairLogits(List.of("The parcel never arrived."), List.of("It was lost."));
            float n = tokenizer.encode("The parcel never arrived.", "It was lost.").getIds().length;
            assertEquals(n * W[0] + B[0], pair[0][0], 1e-4f);
            float[][] batch = session.logits(List.of("Hi", "A far longer text than the first one, with many tokens."));
            assertTrue(batch[0][1] > batch[1][1], "padding to the longer text does not count as tokens");
        }
    }
}
