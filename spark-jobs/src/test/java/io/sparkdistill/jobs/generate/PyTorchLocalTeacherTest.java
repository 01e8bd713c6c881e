package io.sparkdistill.jobs.generate;

import ai.djl.engine.Engine;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.util.Utils;
import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.config.LocalModelSettings;
import io.sparkdistill.config.LocalTeacherConfig;
import io.sparkdistill.ingest.Example;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.SharedSpark;
import io.sparkdistill.jobs.ingest.IngestResult;
import io.sparkdistill.jobs.ingest.InputReader;
import io.sparkdistill.jobs.store.SyntheticSchema;
import io.sparkdistill.math.Softmax;
import io.sparkdistill.teacher.local.LocalModel;
import io.sparkdistill.teacher.local.LocalSession;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A TorchScript model as the local teacher, run by DJL's PyTorch engine with libtorch from Maven Central
 * (pytorch-native-cpu), offline. The model, {@code tiny-torch-classifier/tiny.pt}, was written by
 * {@code src/test/python/make_tiny_torch_classifier.py} with Debian's torch 1.13 and is loaded here by libtorch 2.7.1.
 * Its logits are fixed formulas of the token ids, the attention mask and the token types, recomputed below from the
 * MiniLM tokenizer's ids: what comes back must be exactly what the model computes, for every example.
 */
class PyTorchLocalTeacherTest {
    private static final List<String> LABELS = List.of("billing", "cancel_subscription", "technical_issue",
            "shipping_delivery", "account_access", "refund_request", "product_question");
    private static final int BUCKETS = 64;

    private static Path folder;
    private static HuggingFaceTokenizer tokenizer;

    /** A user's model folder: the TorchScript file and the tokenizer it was made for. */
    @BeforeAll
    static void modelFolder() throws IOException {
        folder = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "torch-classifier-");
        copyResource("/tiny-torch-classifier/tiny.pt", folder.resolve("tiny.pt"));
        copyResource("/all-minilm-l6-v2-q-tokenizer.json", folder.resolve("tokenizer.json"));
        tokenizer = HuggingFaceTokenizer.builder().optTokenizerPath(folder.resolve("tokenizer.json"))
                .optTruncation(true).optMaxLength(64).build();
    }

    /** The script's W[bucket][label], P[label] and B[label]. */
    private static double weight(int bucket, int label) {
        return ((bucket * 31 + label * 17) % 23 - 11) / 8.0;
    }

    private static double pairWeight(int label) {
        return (label % 3 - 1) * 2.0;
    }

    private static double bias(int label) {
        return (label - 3) / 4.0;
    }

    /** The model's logits for one unpadded encoding. */
    private static float[] expectedLogits(Encoding encoding) {
        long[] ids = encoding.getIds();
        long[] types = encoding.getTypeIds();
        double second = 0;
        for (long t : types) {
            second += t;
        }
        second /= ids.length;
        float[] logits = new float[LABELS.size()];
        for (int c = 0; c < logits.length; c++) {
            double bag = 0;
            for (long id : ids) {
                bag += weight((int) (id % BUCKETS), c);
            }
            logits[c] = (float) (bag / ids.length + second * pairWeight(c) + bias(c));
        }
        return logits;
    }

    @Test
    void aTorchScriptClassifierLabelsEveryExampleWithTheSoftmaxOfItsOwnLogitsOffline() throws Exception {
        assertTrue(Utils.isOfflineMode(), "the test JVM runs DJL offline, as bin/distill and the README do");
        SparkSession spark = SharedSpark.session();
        Path project = Path.of("..").toAbsolutePath().normalize();
        Path data = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "torch-teacher-");
        for (String split : new String[]{"train", "validation", "test"}) {
            Files.write(data.resolve(split + ".jsonl"), Files.readAllLines(project.resolve(
                    "data-samples/customer-support/" + split + ".jsonl")).stream().limit(20).toList());
        }
        JobConfig config = ConfigLoader.parse("""
                name: torch-teacher
                task: classification
                labels: %s
                data: {train: %s, validation: %s, test: %s}
                teacher:
                  kind: local
                  batch_size: 8
                  local: {path: "%s", engine: pytorch, kind: classifier, max_length: 64}
                hyperparameters: {temperature: 2.0}
                output: {dir: %s}
                """.formatted(LABELS, data.resolve("train.jsonl"), data.resolve("validation.jsonl"),
                data.resolve("test.jsonl"), folder.toUri(), data.resolve("runs")), "torch-teacher.yaml");
        LocalModelSettings settings = ((LocalTeacherConfig) config.teacher()).local();
        assertEquals(LocalModelSettings.PYTORCH, settings.engine());
        RunContext run = RunContext.create(config, spark);
        LocalModelGeneration teacher = new LocalModelGeneration(run, settings);
        IngestResult input = new InputReader(spark, config).read(run.layout().quarantine());
        JavaRDD<Example> pending = input.examples().repartition(3);
        LongAccumulator calls = spark.sparkContext().longAccumulator("teacher calls");
        int loadsBefore = LocalModel.loadCount();
        long started = System.nanoTime();

        GenerationCounts counts = teacher.generate(pending, 60, calls);

        System.out.printf("PyTorch local teacher: 60 examples in %d ms, model load included%n",
                (System.nanoTime() - started) / 1_000_000);
        assertEquals(60, counts.accepted());
        assertEquals(60, calls.value(), "one call per example");
        assertEquals(loadsBefore + 1, LocalModel.loadCount(), "three partitions, one load in this JVM");
        List<Row> rows = SyntheticSchema.read(spark, run.layout().synthetic()).collectAsList();
        assertEquals(60, rows.size());
        assertEquals(60, rows.stream().map(r -> r.getString(r.fieldIndex("id"))).distinct().count());
        int labelsSeen = 0;
        for (Row row : rows) {
            String text = row.<String, String>getJavaMap(row.fieldIndex("inputs")).get("text");
            float[] expected = expectedLogits(tokenizer.encode(text));
            assertArrayEquals(expected, SyntheticSchema.floats(row, "teacher_logits"), 1e-5f, text);
            assertArrayEquals(Softmax.of(expected, 2.0), SyntheticSchema.floats(row, "teacher_probabilities"), 1e-6f,
                    text);
            assertEquals(LABELS.get(Softmax.argmax(expected)), row.getString(row.fieldIndex("teacher_label")));
            assertEquals("local model tiny (PyTorch)", row.getString(row.fieldIndex("teacher_name")));
            assertTrue(row.getString(row.fieldIndex("teacher_details")).contains("DJL PyTorch"));
        }
        assertTrue(rows.stream().map(r -> r.getString(r.fieldIndex("teacher_label"))).distinct().count() > 1,
                "the texts' tokens move the answer, not the bias alone");

        // Generate copied the folder to this host and loaded it: a new session reuses both.
        LocalModel model = LocalModel.shared(settings, url -> {
            throw new AssertionError("generate already copied " + url + " to this host");
        });
        assertEquals(loadsBefore + 1, LocalModel.loadCount());
        assertEquals("tiny (PyTorch)", model.name());

        // libtorch came out of the pytorch-native-cpu jar on the classpath (its folder is named by the jar's build,
        // 2.7.1-<date>-cpu-...): a download would have left the index of the files it fetched (<version>.txt) in the
        // engine cache, and offline mode would have refused it.
        assertEquals("2.7.1", Engine.getEngine("PyTorch").getVersion());
        Path cache = Utils.getEngineCacheDir("pytorch");
        try (Stream<Path> entries = Files.list(cache)) {
            List<String> names = entries.map(p -> p.getFileName().toString()).sorted().toList();
            assertTrue(names.stream().anyMatch(n -> n.startsWith("2.7.1-") && n.endsWith("-cpu-linux-x86_64")
                    && Files.isRegularFile(cache.resolve(n).resolve("libtorch_cpu.so"))), "libtorch from the "
                    + "classpath in " + cache + ": " + names);
            assertFalse(names.stream().anyMatch(n -> n.endsWith(".txt")), "no download index in " + cache + ": "
                    + names);
        }
    }

    @Test
    void pairsAndPaddedBatchesReachTheModelAsItsThreeInputsInOrder() {
        LocalModelSettings byFile = new LocalModelSettings(folder.resolve("tiny.pt").toString(), null, "classifier",
                null, null, null, null, 64);
        assertEquals(LocalModelSettings.PYTORCH, byFile.engine(), "a .pt file names its engine");
        LocalModel model = LocalModel.shared(byFile);
        assertSame(model, LocalModel.shared(byFile));
        try (LocalSession session = model.newSession()) {
            // nli: one sequence pair; the second segment's token types move the logits by share * P.
            String premise = "The parcel never arrived.";
            String hypothesis = "It was lost in the post, and nobody told me.";
            float[][] pair = session.pairLogits(List.of(premise), List.of(hypothesis));
            assertArrayEquals(expectedLogits(tokenizer.encode(premise, hypothesis)), pair[0], 1e-5f);

            // Padding to the longest text of a batch changes nothing: the attention mask keeps it out.
            List<String> texts = List.of("Hi", "A far longer text than the first one, with many tokens in it.",
                    "Refund me");
            float[][] batch = session.logits(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertArrayEquals(expectedLogits(tokenizer.encode(texts.get(i))), batch[i], 1e-5f, texts.get(i));
            }
            assertEquals(4, session.calls());
        }
    }

    private static void copyResource(String resource, Path target) throws IOException {
        try (InputStream in = PyTorchLocalTeacherTest.class.getResourceAsStream(resource)) {
            assertTrue(in != null, "no test resource " + resource);
            Files.copy(in, target);
        }
    }
}
