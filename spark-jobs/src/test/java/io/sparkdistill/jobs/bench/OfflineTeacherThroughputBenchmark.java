package io.sparkdistill.jobs.bench;

import ai.djl.engine.Engine;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.ingest.Example;
import io.sparkdistill.ingest.ExampleId;
import io.sparkdistill.ingest.Split;
import io.sparkdistill.ingest.TaskType;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.generate.EncodingPass;
import io.sparkdistill.jobs.generate.GenerateJob;
import io.sparkdistill.jobs.store.GenerateSummary;
import io.sparkdistill.teacher.EncoderSession;
import io.sparkdistill.teacher.SentenceEncoder;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A benchmark, not a test (surefire's includes do not match {@code *Benchmark}): the offline teacher's encoder
 * (all-MiniLM-L6-v2, int8 ONNX) run three ways on the same rows, side by side in one JVM:
 * <ul>
 *   <li>through ONNX Runtime's own Java API ({@link OrtDirectEncoder}): the same tokenizer output, batch size and
 *       padded lengths, N threads each encoding whole partitions in turn, as N Spark task slots do, no Spark;</li>
 *   <li>through DJL with no Spark (the project's {@link SentenceEncoder}), the same way;</li>
 *   <li>through the generate stage on {@code local[N]}: its encoding pass alone ({@link EncodingPass}) and the whole
 *       stage ({@link GenerateJob}: ingest, encoding, the head fit, the Parquet writes).</li>
 * </ul>
 * and the levers measured before and after in the same run: intra-op threads (ONNX Runtime's default of one per
 * core, against one per task slot), batches bucketed by length (texts sorted within windows of
 * {@code WINDOW_BATCHES} batches) and the graph optimisation level. Each case runs {@code bench.repeats} times,
 * interleaved, and the best run counts (the machine is shared). The share of peak is the encoder's dense and
 * attention FLOP over the padded tokens against ND4J's single-precision GEMM peak measured here, a yardstick only:
 * the model's matrix products run in int8.
 *
 * <p>Run from the repository root: {@code bench/offline-teacher} ({@code -Dbench.rows=2000 -Dbench.executors=2
 * -Dbench.repeats=3}). The table goes to {@code spark-jobs/target/bench/offline-teacher.md}. The only assertion is
 * that every row was encoded.
 */
class OfflineTeacherThroughputBenchmark {
    private static final Path DIR = Path.of("target", "bench", "offline-teacher").toAbsolutePath();
    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();
    private static final int ROWS = Integer.getInteger("bench.rows", 2000);
    private static final int EXECUTORS = Integer.getInteger("bench.executors", 2);
    private static final int REPEATS = Integer.getInteger("bench.repeats", 2);
    private static final int PARTITIONS = 2 * EXECUTORS;
    private static final int BATCH = 32;
    private static final int WINDOW_BATCHES = 16;
    private static final List<String> LABELS = List.of("billing", "cancel_subscription", "technical_issue",
            "shipping_delivery", "account_access", "refund_request", "product_question");

    /** What a case did: rows, real and padded tokens, FLOP, and its best wall time. */
    private record Measured(String name, long rows, long tokens, long paddedTokens, double flops, double seconds) {
        double rowsPerSecond() {
            return rows / seconds;
        }

        double tokensPerSecond() {
            return tokens / seconds;
        }
    }

    /** One way of running the encoder over the partitions; returns rows, tokens, padded tokens, FLOP. */
    @FunctionalInterface
    private interface Pass {
        long[] run() throws Exception;
    }

    @Test
    void offlineTeacherThroughputAgainstOnnxRuntimeItself() throws Exception {
        Files.createDirectories(DIR);
        // DJL's engine makes ONNX Runtime's one environment with its own threading options and refuses to start
        // once another exists, so it goes first; the direct encoders below share the environment it made.
        Engine.getEngine("OnnxRuntime");
        Path model = extract("/all-minilm-l6-v2-q.onnx", "model.onnx");
        Path tokenizer = extract("/all-minilm-l6-v2-q-tokenizer.json", "tokenizer.json");
        List<String> texts = texts(ROWS, 7);
        List<List<String>> partitions = partition(texts, PARTITIONS);
        double peak = MatmulPeak.flopsPerSecond(1024, 5);
        System.out.printf(Locale.ROOT, "[bench] SGEMM peak %.1f GFLOP/s; %d rows in %d partitions, %d threads%n",
                peak / 1e9, ROWS, PARTITIONS, EXECUTORS);

        try (OrtDirectEncoder ortDefault = new OrtDirectEncoder(model, tokenizer, 0, OptLevel.ALL_OPT);
             OrtDirectEncoder ortOne = new OrtDirectEncoder(model, tokenizer, 1, OptLevel.ALL_OPT);
             OrtDirectEncoder ortBasic = new OrtDirectEncoder(model, tokenizer, 1, OptLevel.BASIC_OPT)) {
            ToIntFunction<String> chars = String::length;
            Map<String, Pass> cases = new LinkedHashMap<>();
            cases.put("ORT direct, intra-op default (1 per core), input order",
                    () -> direct(ortDefault, partitions, null));
            cases.put("ORT direct, intra-op 1 per task slot, input order", () -> direct(ortOne, partitions, null));
            cases.put("ORT direct, intra-op default, bucketed by characters",
                    () -> direct(ortDefault, partitions, chars));
            cases.put("ORT direct, intra-op 1, bucketed by characters", () -> direct(ortOne, partitions, chars));
            cases.put("ORT direct, intra-op 1, bucketed by characters, basic graph optimisation",
                    () -> direct(ortBasic, partitions, chars));
            // Tokens and FLOP of the paths that do not count them: ORT direct's for the same batches.
            long[] inputOrderCost = direct(ortOne, partitions, null);
            long[] bucketedCost = direct(ortOne, partitions, chars);
            cases.put("DJL, no Spark (SentenceEncoder, 1 thread per call), input order", () -> djl(partitions, null, inputOrderCost));
            cases.put("DJL, no Spark (SentenceEncoder, 1 thread per call), bucketed by characters",
                    () -> djl(partitions, chars, bucketedCost));

            List<Example> examples = examples(texts);
            SparkSession spark = session();
            cases.put("generate stage encoding pass, local[" + EXECUTORS + "], input order (before)",
                    () -> withCost(EncodingPass.count(spark, examples, PARTITIONS, BATCH, 1), inputOrderCost));
            cases.put("generate stage encoding pass, local[" + EXECUTORS + "], bucketed (shipped)",
                    () -> withCost(EncodingPass.count(spark, examples, PARTITIONS, BATCH, WINDOW_BATCHES),
                            bucketedCost));
            cases.put("generate stage, whole (ingest, encoding, head fit, writes), local[" + EXECUTORS + "]",
                    () -> withCost(wholeStage(spark, texts), bucketedCost));

            Map<String, Measured> best = new LinkedHashMap<>();
            for (int repeat = 0; repeat < REPEATS; repeat++) {
                for (Map.Entry<String, Pass> c : cases.entrySet()) {
                    long start = System.nanoTime();
                    long[] cost = c.getValue().run();
                    double seconds = (System.nanoTime() - start) / 1e9;
                    assertEquals(ROWS, cost[0], c.getKey() + ": every row encoded");
                    Measured m = new Measured(c.getKey(), cost[0], cost[1], cost[2], Double.longBitsToDouble(cost[3]),
                            seconds);
                    System.out.printf(Locale.ROOT, "[bench] run %d, %s: %.2f s, %.0f rows/s, %.0f tokens/s%n",
                            repeat + 1, c.getKey(), seconds, m.rowsPerSecond(), m.tokensPerSecond());
                    best.merge(c.getKey(), m, (a, b) -> a.seconds() <= b.seconds() ? a : b);
                }
            }
            spark.stop();
            String md = table(best, peak);
            Files.writeString(DIR.getParent().resolve("offline-teacher.md"), md);
            System.out.println(md);
        }
    }

    private static String table(Map<String, Measured> best, double peak) {
        List<Measured> rows = new ArrayList<>(best.values());
        Measured ortBefore = rows.get(1);
        Measured ortAfter = rows.get(3);
        StringBuilder md = new StringBuilder("| case | rows/s | tokens/s | padding share | share of SGEMM peak | "
                + "s (best of " + REPEATS + ") |\n| --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (Measured m : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f%% | %.1f%% | %.2f |%n", m.name(),
                    m.rowsPerSecond(), m.tokensPerSecond(), 100.0 * (m.paddedTokens() - m.tokens()) / m.paddedTokens(),
                    100 * m.flops() / m.seconds() / peak, m.seconds()));
        }
        Measured passBefore = rows.get(rows.size() - 3);
        Measured passAfter = rows.get(rows.size() - 2);
        Measured whole = rows.get(rows.size() - 1);
        md.append(String.format(Locale.ROOT, "%nGenerate stage against ONNX Runtime with the same settings: encoding "
                        + "pass %.2f before (input order), %.2f shipped (bucketed); whole stage %.2f of ORT bucketed. "
                        + "Bucketing: ORT direct %.2fx, encoding pass %.2fx.%n", passBefore.rowsPerSecond()
                        / ortBefore.rowsPerSecond(), passAfter.rowsPerSecond() / ortAfter.rowsPerSecond(),
                whole.rowsPerSecond() / ortAfter.rowsPerSecond(), ortAfter.rowsPerSecond()
                        / ortBefore.rowsPerSecond(), passAfter.rowsPerSecond() / passBefore.rowsPerSecond()));
        md.append(String.format(Locale.ROOT, "%n%,d rows (%,d real tokens), %d partitions, batch %d, %d threads / "
                        + "local[%d]; bucketing sorts windows of %d batches; SGEMM peak %.1f GFLOP/s (ND4J, n=1024). "
                        + "Only the int8 model ships, so int8 against float32 is not measured.%n", ROWS,
                rows.get(0).tokens(), PARTITIONS, BATCH, EXECUTORS, EXECUTORS, WINDOW_BATCHES, peak / 1e9));
        return md.toString();
    }

    /** N threads take whole partitions in turn, as N task slots do, each encoding its partition in batches. */
    private static long[] direct(OrtDirectEncoder encoder, List<List<String>> partitions,
                                 ToIntFunction<String> bucketKey) throws Exception {
        return inParallel(partitions, part -> {
            long[] cost = new long[4];
            double flops = 0;
            for (List<String> batch : batches(part, bucketKey)) {
                OrtDirectEncoder.BatchCost c = encoder.encode(batch, new float[batch.size()][]);
                cost[0] += c.texts();
                cost[1] += c.tokens();
                cost[2] += c.paddedTokens();
                flops += c.flops();
            }
            cost[3] = Double.doubleToLongBits(flops);
            return cost;
        });
    }

    /** The same through the project's DJL encoder; tokens and FLOP are ORT direct's for the same batches. */
    private static long[] djl(List<List<String>> partitions, ToIntFunction<String> bucketKey, long[] cost)
            throws Exception {
        // The JVM's one encoder, loaded here first as the generate stage's tasks load it (spark.task.cpus = 1).
        SentenceEncoder encoder = SentenceEncoder.shared(1);
        long[] rows = inParallel(partitions, part -> {
            try (EncoderSession session = encoder.newSession()) {
                long n = 0;
                for (List<String> batch : batches(part, bucketKey)) {
                    n += session.encode(batch).length;
                }
                return new long[]{n, 0, 0, Double.doubleToLongBits(0)};
            }
        });
        return withCost(rows[0], cost);
    }

    private static long[] withCost(long rows, long[] cost) {
        return new long[]{rows, cost[1], cost[2], cost[3]};
    }

    @FunctionalInterface
    private interface PartitionWork {
        long[] run(List<String> partition) throws Exception;
    }

    private static long[] inParallel(List<List<String>> partitions, PartitionWork work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(EXECUTORS);
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            for (List<String> part : partitions) {
                futures.add(pool.submit(() -> work.run(part)));
            }
            long[] total = new long[4];
            double flops = 0;
            for (Future<long[]> f : futures) {
                long[] c = f.get();
                for (int k = 0; k < 3; k++) {
                    total[k] += c[k];
                }
                flops += Double.longBitsToDouble(c[3]);
            }
            total[3] = Double.doubleToLongBits(flops);
            return total;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The partition's model calls: in input order, or (with a key) each window of {@link #WINDOW_BATCHES} batches
     * sorted by the key and cut into batches, as the generate stage's {@code LengthBucketedEncoder} does.
     */
    private static List<List<String>> batches(List<String> partition, ToIntFunction<String> bucketKey) {
        List<List<String>> batches = new ArrayList<>();
        int window = bucketKey == null ? BATCH : BATCH * WINDOW_BATCHES;
        for (int from = 0; from < partition.size(); from += window) {
            List<String> w = new ArrayList<>(partition.subList(from, Math.min(from + window, partition.size())));
            if (bucketKey != null) {
                w.sort(Comparator.comparingInt(bucketKey));
            }
            for (int b = 0; b < w.size(); b += BATCH) {
                batches.add(w.subList(b, Math.min(b + BATCH, w.size())));
            }
        }
        return batches;
    }

    /** Contiguous slices, as {@code parallelize} cuts a list. */
    private static List<List<String>> partition(List<String> texts, int n) {
        List<List<String>> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            parts.add(texts.subList((int) ((long) i * texts.size() / n), (int) ((long) (i + 1) * texts.size() / n)));
        }
        return parts;
    }

    /**
     * Texts of the length spread real inputs have: each row one to six sentences drawn (seeded) from the
     * customer-support tickets and the qa sample's paragraphs, so rows run from a dozen tokens to the 256-token cap.
     */
    private static List<String> texts(int rows, long seed) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> pool = new ArrayList<>();
        for (String line : Files.readAllLines(PROJECT.resolve("data-samples/customer-support/train.jsonl"))) {
            if (!line.isBlank()) {
                pool.add(json.readTree(line).get("text").asText());
            }
        }
        for (String line : Files.readAllLines(PROJECT.resolve("data-samples/qa/train.jsonl"))) {
            if (!line.isBlank()) {
                pool.add(json.readTree(line).get("context").asText());
            }
        }
        Random random = new Random(seed);
        List<String> texts = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            int sentences = 1 + (random.nextDouble() < 0.6 ? 0 : random.nextInt(6));
            StringBuilder text = new StringBuilder();
            for (int s = 0; s < sentences; s++) {
                text.append(pool.get(random.nextInt(pool.size()))).append(' ');
            }
            texts.add(text.append("(row ").append(i).append(')').toString());
        }
        return texts;
    }

    private static List<Example> examples(List<String> texts) {
        List<Example> examples = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            Map<String, String> inputs = Map.of("text", texts.get(i));
            String label = LABELS.get(i % LABELS.size());
            examples.add(new Example(ExampleId.of(TaskType.CLASSIFICATION, Split.TRAIN, inputs, label),
                    TaskType.CLASSIFICATION, Split.TRAIN, inputs, label, "train.jsonl", i + 1));
        }
        return examples;
    }

    /** The whole generate stage on the same rows (the last tenth as the test split), in a fresh run folder. */
    private static long wholeStage(SparkSession spark, List<String> texts) throws IOException {
        Path run = DIR.resolve("run");
        deleteRecursively(run);
        Files.createDirectories(run);
        int trainRows = texts.size() * 9 / 10;
        Path train = writeRows(run.resolve("train.jsonl"), texts.subList(0, trainRows), 0);
        Path test = writeRows(run.resolve("test.jsonl"), texts.subList(trainRows, texts.size()), trainRows);
        JobConfig config = ConfigLoader.parse("""
                name: offline-teacher-bench
                task: classification
                labels: %s
                data: {train: %s, test: %s}
                teacher: {kind: embedded, batch_size: %d, head_max_iterations: 50}
                output: {dir: %s}
                spark: {partitions: %d}
                """.formatted(LABELS, train, test, BATCH, run.resolve("runs"), PARTITIONS),
                "offline teacher benchmark");
        GenerateSummary summary = new GenerateJob(RunContext.create(config, spark)).run();
        return summary.teacherCalls();
    }

    private static Path writeRows(Path file, List<String> texts, int first) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < texts.size(); i++) {
                out.write(json.writeValueAsString(Map.of("text", texts.get(i),
                        "label", LABELS.get((first + i) % LABELS.size()))));
                out.newLine();
            }
        }
        return file;
    }

    private static SparkSession session() {
        return SparkSession.builder()
                .master("local[" + EXECUTORS + "]")
                .appName("spark-distill offline teacher benchmark")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", String.valueOf(PARTITIONS))
                .config("spark.hadoop.hadoop.tmp.dir", System.getProperty("java.io.tmpdir"))
                .getOrCreate();
    }

    private static Path extract(String resource, String name) throws IOException {
        Path target = DIR.resolve("model").resolve(name);
        Files.createDirectories(target.getParent());
        try (InputStream in = OfflineTeacherThroughputBenchmark.class.getResourceAsStream(resource)) {
            Files.write(target, in.readAllBytes());
        }
        return target;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
