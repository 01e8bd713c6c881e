package io.sparkdistill.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkdistill.jobs.cluster.ChildJvm;
import io.sparkdistill.jobs.cluster.StandaloneCluster;
import io.sparkdistill.jobs.teacher.FakeChatServer;
import io.sparkdistill.jobs.teacher.KnowingTeacher;
import org.junit.jupiter.api.Test;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A benchmark, not a test (surefire's includes do not match {@code *Benchmark}): the stages (generate, train,
 * evaluate) on inputs of growing size, each stage run by a driver JVM of its own on a two-worker standalone cluster on
 * loopback, and the driver's heap recorded: the most it kept live (heap after the full collections the benchmark
 * asks it for every 15 s, from its GC log), the most after any collection, and, for
 * generate, the peak of its heap pools ({@code generate-summary.json}). Flat figures as the input grows mean no stage
 * gathers the data set on the driver.
 *
 * <p>Two cases: {@code classification} (offline teacher, short rows, a fixed test split) and {@code qa} (a text task:
 * a loopback OpenAI-compatible teacher answering with the references, the extractive reader; validation and test
 * splits a tenth of the training split each, so that validation and the corpus metrics grow with it).
 *
 * <p>Run from the repository root: {@code bench/driver-heap} ({@code -Dbench.sizes=10000,100000},
 * {@code -Dbench.cases=qa}, {@code -Dbench.stages=generate,train,evaluate}). The table goes to
 * {@code spark-jobs/target/bench/driver-heap.md}. It asserts that every row was answered and that each stage's
 * live heap (after a full GC) at the largest size is within {@value #FLAT_TOLERANCE} of that at the smallest.
 */
class DriverHeapBenchmark {
    private static final Path DIR = Path.of("target", "bench", "driver-heap").toAbsolutePath();
    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();
    private static final List<Long> SIZES = list("bench.sizes", "10000,100000,1000000").stream()
            .map(Long::parseLong).toList();
    private static final List<String> CASES = list("bench.cases", "classification,qa");
    private static final List<String> STAGES = list("bench.stages", "generate,train,evaluate");
    private static final String DRIVER_HEAP = System.getProperty("bench.driverHeap", "1g");
    private static final double FLAT_TOLERANCE = 0.20;
    /**
     * qa's student.vocabulary: every row's record number is a word of its own, so the vocabulary grows with the rows
     * until its cap (20,000 by default: reached between 10k and 100k rows, a run found the driver's heap 24% higher
     * at 100k while the student was prepared, the vocabulary's vectors). A cap the smallest size already fills keeps
     * what the driver holds for the vocabulary the same at every size, so that a growth left is one with the rows.
     */
    private static final int QA_VOCABULARY = 5000;
    /**
     * How often the driver is asked for a full collection. Young collections leave old-generation garbage in their
     * "after" figure, so much that it depends on when G1 last marked; a full collection's "after" is the live set.
     * Every 2 s, because the train stage's live heap has short peaks, 15-40 MiB above its level, at moments of its
     * parameter-averaging rounds (most likely a round's worker parameters and Adam state arriving on the driver,
     * whose size is the student's, not the data's), which a sample catches by chance: at 5 s, 3 of the 37 samples
     * of a 100k train stage caught one, all while the baseline's rounds ran, and none of the 12 at 10k did. At 2 s
     * the peaks were caught at both sizes and reached the same height (109 MiB at 10k, in 1 of 19 samples; 108 at
     * 100k, 9 of 78 samples above 80), the level between them 52-70 and 67-78 MiB.
     */
    private static final Duration FULL_GC_EVERY = Duration.ofSeconds(2);
    private static final int TEST_ROWS = 200;
    private static final List<String> INTENTS = List.of("billing", "shipping_delivery", "refund_request",
            "account_access");
    private static final List<List<String>> PHRASES = List.of(
            List.of("I was charged twice for invoice", "Why is my bill higher on statement",
                    "Please explain the fee on payment"),
            List.of("Where is my parcel with tracking", "The courier has not delivered package",
                    "When will order arrive, shipment"),
            List.of("I want my money back for order", "Please refund the broken item from order",
                    "Return and refund purchase"),
            List.of("I cannot log in to account", "Reset the password of user",
                    "My login is locked for profile"));

    /**
     * @param peakAfterGcMib the most the heap held after any evacuating pause (young ones included, whose "after"
     *                       still holds old-generation garbage)
     * @param peakLiveMib    the most it held after a full collection: what the driver really kept
     */
    private record StageResult(double seconds, long peakAfterGcMib, long peakLiveMib) {
    }

    private record Result(String task, long rows, Map<String, StageResult> stages, double generatePeakHeapMib) {
    }

    @Test
    void theDriversHeapStaysFlatAsTheInputGrows() throws Exception {
        Files.createDirectories(DIR);
        List<Result> results = new ArrayList<>();
        try (StandaloneCluster cluster = StandaloneCluster.start(DIR.resolve("cluster"), 2, 1, "3g")) {
            for (String task : CASES) {
                for (long rows : SIZES) {
                    Result r = run(cluster, task, rows);
                    results.add(r);
                    r.stages().forEach((stage, s) -> System.out.printf(Locale.ROOT,
                            "[bench] %s %d rows, %s: %.0f s, driver heap after GC, max %d MiB, live (after a full "
                                    + "GC) max %d MiB%n", task, rows, stage, s.seconds(), s.peakAfterGcMib(),
                            s.peakLiveMib()));
                }
            }
        }
        StringBuilder md = new StringBuilder("| task | rows | stage | s | driver heap live (after a full GC), max "
                + "(MiB) | after any GC, max (MiB) | driver peak heap (MiB) |\n| --- | ---: | --- | ---: | ---: | ---: "
                + "| ---: |\n");
        for (Result r : results) {
            r.stages().forEach((stage, s) -> md.append(String.format(Locale.ROOT,
                    "| %s | %,d | %s | %.0f | %d | %d | %s |%n", r.task(), r.rows(), stage, s.seconds(),
                    s.peakLiveMib(), s.peakAfterGcMib(),
                    stage.equals("generate") ? String.format(Locale.ROOT, "%.0f", r.generatePeakHeapMib()) : "")));
        }
        md.append("\nDriver -Xmx").append(DRIVER_HEAP).append("; two workers of one core and 3 GB each, one executor "
                + "each, on loopback. classification: offline teacher (all-MiniLM-L6-v2 + head), 200 test rows. "
                + "qa: loopback API teacher answering with the references, extractive reader, one epoch; validation "
                + "and test a tenth of the rows each. Live: the heap after the full collections the benchmark asks "
                + "the driver for every " + FULL_GC_EVERY.toSeconds() + " s (jcmd GC.run).\n");
        Files.writeString(DIR.getParent().resolve("driver-heap.md"), md);
        System.out.println(md);
        for (String task : CASES) {
            Result smallest = results.stream().filter(r -> r.task().equals(task)).findFirst().orElseThrow();
            Result largest = results.stream().filter(r -> r.task().equals(task)).reduce((a, b) -> b).orElseThrow();
            for (String stage : STAGES) {
                long small = smallest.stages().get(stage).peakLiveMib();
                long large = largest.stages().get(stage).peakLiveMib();
                assertTrue(large <= small * (1 + FLAT_TOLERANCE), () -> task + " " + stage + ": the driver kept "
                        + large + " MiB at " + largest.rows() + " rows against " + small + " MiB at "
                        + smallest.rows() + " rows");
            }
        }
    }

    private static Result run(StandaloneCluster cluster, String task, long rows) throws Exception {
        Path dir = DIR.resolve(task + "-" + rows);
        deleteRecursively(dir); // a fresh run folder: an earlier run's answers would leave nothing to generate
        Files.createDirectories(dir);
        long total;
        String taskConfig;
        FakeChatServer server = null;
        try {
            if (task.equals("qa")) {
                total = rows + 2 * (rows / 10);
                writeQaRows(dir.resolve("train.jsonl"), rows, 0);
                writeQaRows(dir.resolve("validation.jsonl"), rows / 10, rows);
                writeQaRows(dir.resolve("test.jsonl"), rows / 10, rows + rows / 10);
                server = FakeChatServer.start(null, KnowingTeacher.of("qa", dir));
                taskConfig = """
                        task: qa
                        data: {train: %s, validation: %s, test: %s}
                        teacher:
                          kind: api
                          endpoint: {provider: generic, base_url: "%s", model: bench-teacher, max_in_flight: 8}
                          generation: {max_tokens: 48}
                          requests_per_minute:
                        student: {architecture: extractive, vocabulary: %d}
                        hyperparameters: {batch_size: 32, num_epochs: 1, seed: 42}
                        """.formatted(dir.resolve("train.jsonl"), dir.resolve("validation.jsonl"),
                        dir.resolve("test.jsonl"), server.baseUrl(), QA_VOCABULARY);
            } else {
                total = rows + TEST_ROWS;
                writeRows(dir.resolve("train.jsonl"), rows, 0);
                writeRows(dir.resolve("test.jsonl"), TEST_ROWS, rows);
                taskConfig = """
                        task: classification
                        labels: %s
                        data: {train: %s, test: %s}
                        teacher: {kind: embedded, head_max_iterations: 20}
                        hyperparameters: {num_epochs: 1}
                        """.formatted(INTENTS, dir.resolve("train.jsonl"), dir.resolve("test.jsonl"));
            }
            Path logs = dir.resolve("logs");
            Path config = dir.resolve("job.yaml");
            String name = "heap-" + task + "-" + rows;
            Files.writeString(config, "name: " + name + "\n" + taskConfig + """
                    output: {dir: %s}
                    evaluation: {latency_examples: 20, warmup_examples: 5}
                    spark:
                      master: %s
                      partitions: 8
                      conf:
                        spark.executor.extraClassPath: "%s"
                        spark.executor.extraJavaOptions: "%s"
                        spark.executor.memory: 2g
                        spark.executor.cores: "1"
                        spark.driver.host: 127.0.0.1
                        spark.driver.bindAddress: 127.0.0.1
                        spark.ui.enabled: "false"
                    """.formatted(dir.resolve("runs"), cluster.masterUrl(), ChildJvm.classpath(),
                    String.join(" ", ChildJvm.inheritedFlags())));
            Map<String, StageResult> stages = new LinkedHashMap<>();
            for (String stage : STAGES) {
                long start = System.nanoTime();
                Process driver = ChildJvm.start("driver-" + stage, logs, DRIVER_HEAP,
                        List.of("-Xlog:gc:file=" + logs.resolve(stage + "-gc.log")),
                        Map.of("SPARK_LOCAL_IP", "127.0.0.1"), "io.sparkdistill.jobs.cli.DistillMain",
                        List.of(stage, "--config", config.toString()));
                ScheduledExecutorService collector = Executors.newSingleThreadScheduledExecutor();
                collector.scheduleWithFixedDelay(() -> fullGc(driver.pid()), FULL_GC_EVERY.toSeconds(),
                        FULL_GC_EVERY.toSeconds(), TimeUnit.SECONDS);
                try {
                    if (!driver.waitFor(3, TimeUnit.HOURS)) {
                        throw new AssertionError(stage + " on " + rows + " rows did not finish in 3 hours; see " + logs);
                    }
                } finally {
                    collector.shutdownNow();
                    ChildJvm.destroyTree(driver.toHandle());
                }
                assertEquals(0, driver.exitValue(), () -> "the " + stage + " driver failed; see " + logs);
                String gcLog = Files.readString(logs.resolve(stage + "-gc.log"));
                stages.put(stage, new StageResult((System.nanoTime() - start) / 1e9, peakAfter(gcLog, "Young|Full"),
                        peakAfter(gcLog, "Full")));
            }
            double generatePeak = Double.NaN;
            if (stages.containsKey("generate")) {
                JsonNode summary = new ObjectMapper().readTree(dir.resolve("runs/" + name + "/generate-summary.json")
                        .toFile());
                assertEquals(total, summary.path("generated").asLong(), "every row was answered");
                generatePeak = summary.path("driver_peak_heap_mib").asDouble();
            }
            return new Result(task, rows, stages, generatePeak);
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private static List<String> list(String property, String defaults) {
        return Arrays.stream(System.getProperty(property, defaults).split(",")).map(String::strip).toList();
    }

    /**
     * The qa sample's training rows in turn, each context opened by a record number so that every row is distinct
     * (and the loopback teacher, which finds a row by its context's start, tells them apart).
     */
    private static void writeQaRows(Path file, long rows, long first) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> sample = Files.readAllLines(PROJECT.resolve("data-samples/qa/train.jsonl"))
                .stream().filter(l -> !l.isBlank()).toList();
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (long i = first; i < first + rows; i++) {
                ObjectNode row = (ObjectNode) json.readTree(sample.get((int) (i % sample.size())));
                row.put("context", "Record " + (100000 + i) + ". " + row.get("context").asText());
                out.write(json.writeValueAsString(row));
                out.newLine();
            }
        }
    }

    /** One short, distinct sentence per row, its intent the label. */
    private static void writeRows(Path file, long rows, long first) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (long i = first; i < first + rows; i++) {
                int intent = (int) (i % INTENTS.size());
                List<String> phrases = PHRASES.get(intent);
                String text = phrases.get((int) ((i / INTENTS.size()) % phrases.size())) + " " + (100000 + i);
                out.write(json.writeValueAsString(Map.of("text", text, "label", INTENTS.get(intent))));
                out.newLine();
            }
        }
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

    /**
     * The most the heap held after a pause of the given kinds ("Young|Full": any evacuating pause; "Full": full
     * collections only). G1's Remark and Cleanup pauses free nothing yet: their "after" is the heap before the mixed
     * collections that reclaim what marking found.
     */
    private static long peakAfter(String gcLog, String pauses) {
        Matcher m = Pattern.compile("Pause (?:" + pauses + ")[^\\n]* \\d+M->(\\d+)M\\(\\d+M\\)").matcher(gcLog);
        long peak = 0;
        while (m.find()) {
            peak = Math.max(peak, Long.parseLong(m.group(1)));
        }
        return peak;
    }

    /** Asks the JVM {@code pid} for a full collection (the driver logs it as "Pause Full (System.gc())"). */
    private static void fullGc(long pid) {
        try {
            new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(60, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
