package io.sparkdistill.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.jobs.NioLocalFileSystem;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.RunLayout;
import io.sparkdistill.jobs.generate.GenerateJob;
import io.sparkdistill.jobs.store.GenerateSummary;
import io.sparkdistill.jobs.teacher.FakeChatServer;
import io.sparkdistill.jobs.teacher.SupportIntentTeacher;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A benchmark, not a test (surefire's default includes do not match {@code *Benchmark}): the generate stage with an
 * API teacher against a loopback {@link FakeChatServer} with a fixed latency and a fixed number of service slots
 * (capacity = slots / latency). It prints the achieved requests per second as a ratio to that capacity for 1 and 2
 * executors ({@code local[1]} and {@code local[2]}: task slots in ONE JVM, not separate executor JVMs), the busiest
 * 1 s and 60 s windows against a configured rate limit, and the driver-side overhead per row.
 *
 * <p>{@code -Dbench.rows=N} caps the rows (as many sample copies as needed are made, {@code bench.copies} is then
 * ignored); {@code -Dbench.cases=a;b} runs only the cases named so (the warm-up too only when named). Each case's line ends with the generate stage's own phase times from {@code generate-summary.json}, when the
 * code under test writes them.
 *
 * <p>Run from the repository root: {@code bench/api-throughput}. The table goes to
 * {@code spark-jobs/target/bench/api-throughput.md}. Nothing is asserted about the figures; the only assertion is that
 * every row reached the teacher exactly once, so a broken run is not mistaken for a fast one.
 */
class ApiThroughputBenchmark {
    private static final String KEY = "sk-bench-not-a-secret";
    private static final int ROWS = Integer.getInteger("bench.rows", 0);
    private static final int COPIES = ROWS > 0 ? -1 : Integer.getInteger("bench.copies", 2);
    private static final List<String> ONLY = System.getProperty("bench.cases", "").isBlank() ? List.of()
            : List.of(System.getProperty("bench.cases").split(";"));
    private static final Duration LATENCY = Duration.ofMillis(Long.getLong("bench.latencyMs", 50));
    private static final int SLOTS = Integer.getInteger("bench.slots", 16);
    private static final int RATE_LIMIT_PER_MINUTE = Integer.getInteger("bench.rpm", 6000);
    private static final int LONG_RATE_LIMIT_PER_MINUTE = Integer.getInteger("bench.longRpm", 2400);
    private static final int PARTITIONS = 4;
    /** Non-blank rows of the customer-support sample's three splits. */
    private static final int SAMPLE_ROWS = 1470;

    /** One benchmark case: the server's latency and slots (0: unlimited), the session, the teacher's settings. */
    private record Case(String name, int executors, Duration latency, int slots, int maxInFlight,
                        Integer requestsPerMinute) {
        double capacity() {
            return latency.isZero() || slots == 0 ? Double.NaN : slots / (latency.toNanos() / 1e9);
        }
    }

    private record Result(Case c, long rows, long requests, double generateSeconds, double spanSeconds,
                          double beforeFirstSeconds, double afterLastSeconds, int busiest1s, int busiest60s,
                          int maxInService, double promptTokensPerRow, String phases) {
        double rpsSpan() {
            return requests / spanSeconds;
        }

        double rpsWall() {
            return requests / generateSeconds;
        }

        /**
         * How long, on average, each of the endpoint's usable slots (the client's max_in_flight per JVM, at most the
         * server's slots) sat idle between one answer and the next request: span x slots / requests - latency.
         * Meaningful only when the client, not a rate limit, is what paces the requests.
         */
        double slotTurnaroundMs() {
            if (c.latency().isZero() || c.requestsPerMinute() != null) {
                return Double.NaN;
            }
            int usable = Math.min(c.maxInFlight(), c.slots());
            return 1000 * (spanSeconds * usable / requests - seconds(c.latency()));
        }

        double overheadMsPerRow() {
            return 1000 * (generateSeconds - spanSeconds) / rows;
        }
    }

    @Test
    void apiTeacherThroughput() throws Exception {
        Path project = Path.of("..").toAbsolutePath().normalize();
        Path work = Path.of("target/bench/work").toAbsolutePath();
        deleteRecursively(work);
        Files.createDirectories(work);
        Path data = work.resolve("data");
        long rows = writeRows(project, data);
        Path keyFile = work.resolve("teacher.key");
        Files.writeString(keyFile, KEY);

        List<Case> local1 = List.of(
                new Case("warm-up (not reported)", 1, Duration.ZERO, 0, SLOTS, null),
                new Case("pipeline only: latency 0, unlimited slots", 1, Duration.ZERO, 0, SLOTS, null),
                new Case("1 executor", 1, LATENCY, SLOTS, SLOTS, null),
                new Case("1 executor, rate limited", 1, LATENCY, SLOTS, SLOTS, RATE_LIMIT_PER_MINUTE));
        List<Case> local2 = List.of(
                new Case("pipeline only: latency 0, unlimited slots", 2, Duration.ZERO, 0, SLOTS / 2, null),
                new Case("2 executors, max_in_flight " + SLOTS / 2 + " each", 2, LATENCY, SLOTS, SLOTS / 2, null),
                new Case("2 executors, max_in_flight " + SLOTS + " each", 2, LATENCY, SLOTS, SLOTS, null),
                new Case("2 executors, rate limited", 2, LATENCY, SLOTS, SLOTS, RATE_LIMIT_PER_MINUTE),
                new Case("2 executors, rate limited, run > 1 min", 2, LATENCY, SLOTS, SLOTS,
                        LONG_RATE_LIMIT_PER_MINUTE));

        List<Result> results = new ArrayList<>();
        int n = 0;
        for (List<Case> group : List.of(local1, local2)) {
            List<Case> chosen = group.stream().filter(c -> ONLY.isEmpty() || ONLY.contains(c.name())).toList();
            if (chosen.isEmpty()) {
                continue;
            }
            SparkSession spark = session(group.get(0).executors());
            try {
                for (Case c : chosen) {
                    Result r = run(spark, project, data, keyFile, work.resolve("run-" + n++), c);
                    assertEquals(rows, r.rows(), c.name() + ": every row is sent to the teacher once");
                    assertEquals(rows, r.requests(), c.name() + ": no retries on a fault-free server");
                    System.out.println("[bench] " + c.name() + " (local[" + c.executors() + "]): " + line(r));
                    if (!c.name().startsWith("warm-up")) {
                        results.add(r);
                    }
                }
            } finally {
                spark.stop();
                SparkSession.clearActiveSession();
                SparkSession.clearDefaultSession();
            }
        }

        String table = table(results, rows);
        Path out = Path.of("target/bench/api-throughput.md").toAbsolutePath();
        Files.writeString(out, table);
        System.out.println(table);
        System.out.println("[bench] written to " + out);
    }

    private static Result run(SparkSession spark, Path project, Path data, Path keyFile, Path runDir, Case c)
            throws IOException {
        FakeChatServer.Builder builder = FakeChatServer.builder().apiKey(KEY)
                .answerer(SupportIntentTeacher.answerer()).latency(c.latency());
        if (c.slots() > 0) {
            builder.slots(c.slots());
        }
        try (FakeChatServer server = builder.start()) {
            long serverStart = System.nanoTime();
            String yaml = Files.readString(project.resolve("conf/customer-support-api.yaml"))
                    .replace("../data-samples/customer-support/", data + "/")
                    .replace("dir: ../runs", "dir: " + runDir)
                    .replace("provider: openai", "provider: generic")
                    .replace("base_url: https://api.openai.com/v1", "base_url: " + server.baseUrl())
                    .replace("api_key_env: OPENAI_API_KEY", "api_key_file: " + keyFile)
                    .replace("max_in_flight: 8", "max_in_flight: " + c.maxInFlight())
                    .replace("partitions: 4", "partitions: " + PARTITIONS)
                    // No token limit: the benchmark measures the request path; the config's tokens_per_minute
                    // would cap it first (see the prompt tokens per row in the output).
                    .replaceAll("(?m)^\\s*tokens_per_minute:.*$", "")
                    .replaceAll("(?m)^\\s*requests_per_minute:.*$", c.requestsPerMinute() == null ? ""
                            : "  requests_per_minute: " + c.requestsPerMinute());
            JobConfig config = ConfigLoader.parse(yaml, "customer-support-api (benchmark copy)");

            long start = System.nanoTime();
            GenerateSummary summary = new GenerateJob(RunContext.create(config, spark)).run();
            long end = System.nanoTime();

            List<Duration> times = server.requestTimes();
            double first = seconds(times.get(0));
            double lastDone = seconds(times.get(times.size() - 1)) + seconds(c.latency());
            double startAt = (start - serverStart) / 1e9;
            double endAt = (end - serverStart) / 1e9;
            return new Result(c, summary.teacherCalls(), server.requestCount(), summary.seconds(), lastDone - first,
                    first - startAt, endAt - lastDone, server.maxRequestsInWindow(Duration.ofSeconds(1)),
                    server.maxRequestsInWindow(Duration.ofSeconds(60)), server.maxInService(),
                    (double) summary.promptTokens() / Math.max(1, summary.teacherCalls()),
                    phases(Path.of(RunLayout.of(config).generateSummary())));
        }
    }

    /** The summary's per-phase seconds as "phase 1.23 s, ...", or "" when the code under test does not write them. */
    private static String phases(Path summary) throws IOException {
        JsonNode phases = new ObjectMapper().readTree(summary.toFile()).path("phase_seconds");
        List<String> parts = new ArrayList<>();
        phases.fields().forEachRemaining(e -> parts.add(String.format(Locale.ROOT, "%s %.2f s", e.getKey(),
                e.getValue().asDouble())));
        return String.join(", ", parts);
    }

    private static SparkSession session(int executors) {
        return SparkSession.builder()
                .master("local[" + executors + "]")
                .appName("spark-distill api throughput benchmark")
                .config("spark.ui.enabled", "false")
                // As SparkSessions sets it for the project's own runs: a slice's writes share the slots with the
                // next slice's requests (no effect on code that runs one job at a time).
                .config("spark.scheduler.mode", "FAIR")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.hadoop.hadoop.tmp.dir", System.getProperty("java.io.tmpdir"))
                // As SparkSessions sets it: no chmod process per file written (-Dbench.hadoopLocalFs=true: Hadoop's).
                .config("spark.hadoop." + NioLocalFileSystem.KEY, Boolean.getBoolean("bench.hadoopLocalFs")
                        ? LocalFileSystem.class.getName() : NioLocalFileSystem.class.getName())
                .getOrCreate();
    }

    private static int copies() {
        return COPIES > 0 ? COPIES : (int) Math.ceil(ROWS / (double) SAMPLE_ROWS);
    }

    /**
     * The customer-support sample, each row {@link #copies()} times with a distinct ticket reference appended; with
     * {@link #ROWS}, each split cut to its share of that many rows.
     */
    private static long writeRows(Path project, Path data) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Files.createDirectories(data);
        long total = 0;
        for (String split : new String[]{"train", "validation", "test"}) {
            List<String> in = Files.readAllLines(project.resolve("data-samples/customer-support/" + split + ".jsonl"));
            List<String> out = new ArrayList<>();
            for (int copy = 0; copy < copies(); copy++) {
                int line = 0;
                for (String s : in) {
                    if (s.isBlank()) {
                        continue;
                    }
                    ObjectNode row = (ObjectNode) json.readTree(s);
                    row.put("text", row.get("text").asText() + " (ticket " + split.charAt(0) + copy + "-" + line++
                            + ")");
                    out.add(json.writeValueAsString(row));
                }
            }
            if (ROWS > 0) {
                // Each split keeps its share of the sample's rows.
                out = out.subList(0, (int) Math.min(out.size(), Math.round((double) ROWS * in.stream()
                        .filter(l -> !l.isBlank()).count() / SAMPLE_ROWS)));
            }
            Files.write(data.resolve(split + ".jsonl"), out);
            total += out.size();
        }
        return total;
    }

    private static String line(Result r) {
        return String.format(Locale.ROOT, "%d rows, %d requests, generate %.2f s, server span %.2f s, %.1f req/s "
                        + "(span), %.1f req/s (wall), busiest 1 s %d, busiest 60 s %d, max in service %d, "
                        + "before first request %.2f s, after last answer %.2f s, prompt tokens/row %.1f, slot turnaround %s ms"
                        + "%s", r.rows(), r.requests(),
                r.generateSeconds(), r.spanSeconds(), r.rpsSpan(), r.rpsWall(), r.busiest1s(), r.busiest60s(),
                r.maxInService(), r.beforeFirstSeconds(), r.afterLastSeconds(), r.promptTokensPerRow(),
                turnaround(r), r.phases().isEmpty() ? "" : "; phases: " + r.phases());
    }

    private static String table(List<Result> results, long rows) {
        StringBuilder md = new StringBuilder();
        md.append("# API teacher throughput\n\n");
        md.append(String.format(Locale.ROOT, "Loopback FakeChatServer: latency %d ms, %d slots, capacity %.0f "
                        + "requests/s. %d distinct rows (customer-support sample x %d, perturbed), %d Spark "
                        + "partitions, %d available processors. Rate limits as in the table. "
                        + "No token limit.%n%n", LATENCY.toMillis(), SLOTS, SLOTS / seconds(LATENCY), rows, copies(),
                PARTITIONS, Runtime.getRuntime().availableProcessors()));
        md.append("\"N executors\" is `local[N]`: N task slots in ONE JVM, so the tasks share one API client (one "
                + "max_in_flight bound, one rate limiter). Separate executor JVMs come with the cluster work.\n\n");
        md.append("| case | master | max_in_flight | rows | generate s | server span s | req/s (span) | ratio to "
                + "capacity (span) | req/s (generate wall) | ratio (wall) | busiest 1 s | busiest 60 s | limit "
                + "/s (/min) | max in service | slot turnaround ms | before 1st "
                + "request s | after last answer s | driver overhead ms/row |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            Case c = r.c();
            double cap = c.capacity();
            double target = c.requestsPerMinute() == null ? cap : Math.min(cap, c.requestsPerMinute() / 60.0);
            md.append(String.format(Locale.ROOT, "| %s | local[%d] | %d | %d | %.2f | %.2f | %.1f | %s | %.1f | %s "
                            + "| %d | %d | %s | %d | %s | %.2f | %.2f | %.2f |%n", c.name(), c.executors(), c.maxInFlight(),
                    r.rows(), r.generateSeconds(), r.spanSeconds(), r.rpsSpan(), ratio(r.rpsSpan(), target),
                    r.rpsWall(), ratio(r.rpsWall(), target), r.busiest1s(), r.busiest60s(),
                    c.requestsPerMinute() == null ? "none" : String.format(Locale.ROOT, "%.0f (%d)",
                            c.requestsPerMinute() / 60.0, c.requestsPerMinute()), r.maxInService(),
                    turnaround(r), r.beforeFirstSeconds(),
                    r.afterLastSeconds(), r.overheadMsPerRow()));
        }
        for (Result r : results) {
            if (!r.phases().isEmpty()) {
                md.append(String.format(Locale.ROOT, "%nphases of \"%s\" (local[%d]), from generate-summary.json: %s%n",
                        r.c().name(), r.c().executors(), r.phases()));
            }
        }
        md.append("\nratio = achieved / capacity, or / the rate limit when that is lower. server span = first request "
                + "arrival to last arrival + latency. driver overhead per row = (generate wall - server span) / rows; "
                + "it is split into the time before the first request (input read, dedup, counts) and after the last "
                + "answer (the three writes and the summary counts). Pipeline-only rows: server span is pure "
                + "request handling, generate s / rows is the pipeline's own cost per row. slot turnaround = server span x "
                + "min(max_in_flight, slots) / requests - latency: how long a usable slot waited, per request, between "
                + "an answer and the next request (the client's own per-request cost as the endpoint sees it).\n");
        return md.toString();
    }

    private static String turnaround(Result r) {
        return Double.isNaN(r.slotTurnaroundMs()) ? "n/a" : String.format(Locale.ROOT, "%.1f", r.slotTurnaroundMs());
    }

    private static String ratio(double achieved, double target) {
        return Double.isNaN(target) ? "n/a" : String.format(Locale.ROOT, "%.3f", achieved / target);
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
