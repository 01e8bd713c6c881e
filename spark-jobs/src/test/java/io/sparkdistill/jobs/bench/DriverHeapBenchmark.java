package io.sparkdistill.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.jobs.cluster.ChildJvm;
import io.sparkdistill.jobs.cluster.StandaloneCluster;
import org.junit.jupiter.api.Test;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A benchmark, not a test (surefire's includes do not match {@code *Benchmark}): the generate stage with the offline
 * teacher on inputs of growing size (10k, 100k, 1M short rows by default), each run by a driver JVM of its own on a
 * two-worker standalone cluster on loopback, and the driver's heap recorded: the peak of its heap pools over the stage
 * ({@code generate-summary.json}) and the most it kept live (heap after each GC, from its GC log). Flat figures
 * as the input grows mean no stage gathers the data set on the driver.
 *
 * <p>Run from the repository root: {@code bench/driver-heap} ({@code -Dbench.sizes=10000,100000} for fewer). The
 * table goes to {@code spark-jobs/target/bench/driver-heap.md}. The only assertion is that every row was answered.
 */
class DriverHeapBenchmark {
    private static final Path DIR = Path.of("target", "bench", "driver-heap").toAbsolutePath();
    private static final List<Long> SIZES = Arrays.stream(System.getProperty("bench.sizes", "10000,100000,1000000")
            .split(",")).map(String::strip).map(Long::parseLong).toList();
    private static final String DRIVER_HEAP = System.getProperty("bench.driverHeap", "1g");
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

    private record Result(long rows, double seconds, double peakHeapMib, long peakAfterGcMib, long generated) {
    }

    @Test
    void theDriversHeapStaysFlatAsTheInputGrows() throws Exception {
        Files.createDirectories(DIR);
        List<Result> results = new ArrayList<>();
        try (StandaloneCluster cluster = StandaloneCluster.start(DIR.resolve("cluster"), 2, 1, "3g")) {
            for (long rows : SIZES) {
                results.add(run(cluster, rows));
                System.out.printf(Locale.ROOT, "[bench] %d rows: %.0f s, driver peak heap %.0f MiB, "
                                + "peak after GC %d MiB%n", rows, results.get(results.size() - 1).seconds(),
                        results.get(results.size() - 1).peakHeapMib(), results.get(results.size() - 1).peakAfterGcMib());
            }
        }
        StringBuilder md = new StringBuilder("| rows | generate s | rows/s | driver peak heap (MiB) | driver heap "
                + "after GC, max (MiB) |\n| ---: | ---: | ---: | ---: | ---: |\n");
        for (Result r : results) {
            md.append(String.format(Locale.ROOT, "| %,d | %.0f | %.0f | %.0f | %d |%n", r.rows(), r.seconds(),
                    r.rows() / r.seconds(), r.peakHeapMib(), r.peakAfterGcMib()));
        }
        md.append("\nDriver -Xmx").append(DRIVER_HEAP).append("; two workers of one core and 3 GB each, one executor "
                + "each, on loopback; offline teacher (all-MiniLM-L6-v2 + head).\n");
        Files.writeString(DIR.getParent().resolve("driver-heap.md"), md);
        System.out.println(md);
    }

    private static Result run(StandaloneCluster cluster, long rows) throws Exception {
        Path dir = DIR.resolve(String.valueOf(rows));
        deleteRecursively(dir); // a fresh run folder: an earlier run's answers would leave nothing to generate
        Files.createDirectories(dir);
        writeRows(dir.resolve("train.jsonl"), rows, 0);
        writeRows(dir.resolve("test.jsonl"), TEST_ROWS, rows);
        Path logs = dir.resolve("logs");
        Path config = dir.resolve("job.yaml");
        Files.writeString(config, """
                name: heap-%d
                task: classification
                labels: %s
                data: {train: %s, test: %s}
                teacher: {kind: embedded, head_max_iterations: 20}
                output: {dir: %s}
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
                """.formatted(rows, INTENTS, dir.resolve("train.jsonl"), dir.resolve("test.jsonl"),
                dir.resolve("runs"), cluster.masterUrl(), ChildJvm.classpath(),
                String.join(" ", ChildJvm.inheritedFlags())));
        Process driver = ChildJvm.start("driver", logs, DRIVER_HEAP,
                List.of("-Xlog:gc:file=" + logs.resolve("driver-gc.log")), Map.of("SPARK_LOCAL_IP", "127.0.0.1"),
                "io.sparkdistill.jobs.DistillMain", List.of("generate", "--config", config.toString()));
        try {
            if (!driver.waitFor(3, TimeUnit.HOURS)) {
                throw new AssertionError("generate on " + rows + " rows did not finish in 3 hours; see " + logs);
            }
        } finally {
            ChildJvm.destroyTree(driver.toHandle());
        }
        assertEquals(0, driver.exitValue(), () -> "the driver failed; see " + logs);
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("runs/heap-" + rows + "/generate-summary.json")
                .toFile());
        long generated = summary.path("generated").asLong();
        assertEquals(rows + TEST_ROWS, generated, "every row was answered");
        return new Result(rows, summary.path("seconds").asDouble(), summary.path("driver_peak_heap_mib").asDouble(),
                peakAfterGc(logs.resolve("driver-gc.log")), generated);
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

    private static long peakAfterGc(Path gcLog) throws IOException {
        Matcher m = Pattern.compile("\\d+M->(\\d+)M\\(\\d+M\\)").matcher(Files.readString(gcLog));
        long peak = 0;
        while (m.find()) {
            peak = Math.max(peak, Long.parseLong(m.group(1)));
        }
        return peak;
    }
}
