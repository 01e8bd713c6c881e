package io.sparkdistill.jobs.bench;

import io.sparkdistill.jobs.SharedSpark;
import io.sparkdistill.jobs.cluster.ChildJvm;
import io.sparkdistill.jobs.teacher.Answerer;
import io.sparkdistill.jobs.teacher.FakeChatServer;
import io.sparkdistill.jobs.teacher.Fault;
import io.sparkdistill.jobs.teacher.FaultPlan;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A benchmark, not a test (surefire's default includes do not match {@code *Benchmark}): rounds of an API generate
 * in a JVM of its own ({@code DistillMain generate}, on this classpath) against a loopback {@link FakeChatServer}
 * that answers a share of the prompts with 429 and Retry-After, 500, 503, connection resets (before and in the
 * body), timeouts, malformed JSON, cut streams and truncated answers; each round kills the JVM with {@code kill -9}
 * ({@link Process#destroyForcibly}) at a random moment, then runs generate again to completion. Per round it counts
 * rows lost (in none of {@code synthetic/}, {@code rejected/}, {@code failed/}), duplicate ids, answers paid for twice
 * (a complete 200 answer to a prompt before the kill and another after it; those paid twice within one run, an answer
 * that came after the client's timeout, are counted apart), attempts per row, and the busiest 60 s of requests
 * against the configured {@code requests_per_minute}.
 *
 * <p>Run from the repository root: {@code bench/chaos} ({@code -Dbench.rounds=5} for fewer rounds). The table goes to
 * {@code spark-jobs/target/bench/chaos.md}. It fails when a row is lost or duplicated, when a kill made more than
 * {@code max_in_flight} answers be paid twice, or when the rate limit was exceeded.
 */
class ChaosBenchmark {
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 20);
    private static final int ROWS = Integer.getInteger("bench.rows", 150);
    private static final int RPM = Integer.getInteger("bench.rpm", 180);
    private static final int MAX_IN_FLIGHT = Integer.getInteger("bench.maxInFlight", 4);
    private static final int MAX_ATTEMPTS = 5;
    private static final int COMMIT_EVERY_ROWS = Integer.getInteger("bench.commitEveryRows", 50);
    private static final long SEED = Long.getLong("bench.seed", System.nanoTime());
    private static final Duration LATENCY = Duration.ofMillis(30);
    private static final String KEY = "sk-chaos-not-a-secret";
    /** Faults whose 200 the client never takes as an answer: not paid for in the sense a kill could repeat. */
    private static final Set<Fault.Kind> NOT_AN_ANSWER = EnumSet.of(Fault.Kind.SLOW, Fault.Kind.MALFORMED_JSON);

    /**
     * @param paidTwice       prompts paid for before the kill and again by the rerun: what the kill cost
     * @param paidTwiceInARun prompts paid for twice by one run: an answer that came after the client's timeout
     */
    private record Round(int number, long killAfterRequests, boolean killedWhileRunning, int rows, long lost,
                         long duplicates, long paidBeforeKill, long paidTwice, long paidTwiceInARun, int maxAttempts,
                         double meanAttempts, int busiest60s, int rerunExit, long requests) {
        String line() {
            return String.format(Locale.ROOT,
                    "| %d | %d%s | %d | %d | %d | %d | %d | %d | %d / %.2f | %d / %d | %d | %d |", number,
                    killAfterRequests, killedWhileRunning ? "" : " (ended first)", rows, lost, duplicates,
                    paidBeforeKill, paidTwice, paidTwiceInARun, maxAttempts, meanAttempts, busiest60s, RPM, requests,
                    rerunExit);
        }
    }

    @Test
    void killedAndRerunGeneratesLoseNothingAndPayTwiceOnlyForWhatWasOnTheWire() throws Exception {
        Random random = new Random(SEED);
        Path work = Path.of("target/bench/chaos", Long.toString(SEED)).toAbsolutePath();
        SparkSession spark = SharedSpark.session();
        List<Round> rounds = new ArrayList<>();
        for (int n = 1; n <= ROUNDS; n++) {
            Round r = round(n, random.nextLong(), work.resolve("round-" + n), spark);
            rounds.add(r);
            System.out.println("[bench] " + r.line());
        }

        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, """
                Chaos benchmark: %d rounds of %d rows, seed %d; max_in_flight %d, max_attempts %d, \
                requests_per_minute %d, commit_every_rows %d

                | round | killed after requests | rows | rows lost | duplicate ids | answers paid before the kill | \
                paid again after the kill | paid twice within a run (timeouts) | attempts per row max / mean | \
                busiest 60 s / limit | requests | rerun exit |
                | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
                """, ROUNDS, ROWS, SEED, MAX_IN_FLIGHT, MAX_ATTEMPTS, RPM, COMMIT_EVERY_ROWS));
        rounds.forEach(r -> table.append(r.line()).append('\n'));
        long lost = rounds.stream().mapToLong(Round::lost).sum();
        long duplicates = rounds.stream().mapToLong(Round::duplicates).sum();
        long paidTwice = rounds.stream().mapToLong(Round::paidTwice).sum();
        long paidTwiceInARun = rounds.stream().mapToLong(Round::paidTwiceInARun).sum();
        long worstPaidTwice = rounds.stream().mapToLong(Round::paidTwice).max().orElse(0);
        int maxAttempts = rounds.stream().mapToInt(Round::maxAttempts).max().orElse(0);
        double meanAttempts = rounds.stream().mapToDouble(Round::meanAttempts).average().orElse(0);
        int busiest = rounds.stream().mapToInt(Round::busiest60s).max().orElse(0);
        table.append(String.format(Locale.ROOT, """

                Total: %d rounds, %d rows, %d lost, %d duplicate ids, %d answers paid twice because of a kill (at \
                most %d in one kill, bound max_in_flight %d), %d paid twice within a run (answers after the client's \
                timeout), attempts per row max %d (bound %d: %d per run) mean %.2f, busiest 60 s %d requests \
                (limit %d)
                """, ROUNDS, ROWS * ROUNDS, lost, duplicates, paidTwice, worstPaidTwice, MAX_IN_FLIGHT,
                paidTwiceInARun, maxAttempts, 2 * MAX_ATTEMPTS, MAX_ATTEMPTS, meanAttempts, busiest, RPM));
        Path out = Path.of("target/bench/chaos.md").toAbsolutePath();
        Files.writeString(out, table);
        System.out.println(table);
        System.out.println("[bench] written to " + out);

        assertTrue(lost == 0 && duplicates == 0, "rows lost or written twice: " + lost + ", " + duplicates);
        assertTrue(worstPaidTwice <= MAX_IN_FLIGHT, "a kill made " + worstPaidTwice + " answers be paid twice");
        assertTrue(maxAttempts <= 2 * MAX_ATTEMPTS, "a row was tried " + maxAttempts + " times");
        assertTrue(busiest <= RPM, "the busiest minute had " + busiest + " requests, above " + RPM);
    }

    private static Round round(int number, long seed, Path dir, SparkSession spark) throws Exception {
        Random random = new Random(seed);
        Files.createDirectories(dir);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            lines.add("{\"text\": \"round " + number + " message " + i + " about my order\", \"label\": \""
                    + (i % 3 == 0 ? "refund_request" : "billing") + "\"}");
        }
        Files.write(dir.resolve("train.jsonl"), lines.subList(0, ROWS * 4 / 5));
        Files.write(dir.resolve("test.jsonl"), lines.subList(ROWS * 4 / 5, ROWS));
        Files.writeString(dir.resolve("key"), KEY);
        FaultPlan faults = FaultPlan.builder().seed(seed)
                .share(0.06, Fault.rateLimited(1), 1)
                .share(0.04, Fault.serverError(), 2)
                .share(0.04, Fault.unavailable(), 1)
                .share(0.04, Fault.connectionReset(), 1)
                .share(0.03, Fault.connectionResetMidBody(), 1)
                .share(0.03, Fault.slow(Duration.ofSeconds(8)), 1)
                .share(0.04, Fault.malformedJson(), 1)
                .share(0.04, Fault.streamCut(), 1)
                .share(0.02, Fault.truncated(), 1)
                .share(0.01, Fault.serverError(), FaultPlan.ALWAYS)
                .build();
        try (FakeChatServer server = FakeChatServer.builder().apiKey(KEY).faults(faults)
                .answerer(Answerer.fixed("billing")).latency(LATENCY).start()) {
            Files.writeString(dir.resolve("chaos.yaml"), """
                    name: chaos
                    task: classification
                    labels: [billing, refund_request]
                    data: {train: %s, test: %s}
                    teacher:
                      kind: api
                      endpoint: {provider: generic, base_url: %s, model: teacher, api_key_file: %s,
                                 max_in_flight: %d, timeout_seconds: 5}
                      requests_per_minute: %d
                      max_attempts: %d
                      commit_every_rows: %d
                      min_accepted_share: 0
                    output: {dir: %s}
                    spark: {master: "local[2]", partitions: 4, conf: {spark.ui.enabled: "false"}}
                    """.formatted(dir.resolve("train.jsonl"), dir.resolve("test.jsonl"), server.baseUrl(),
                    dir.resolve("key"), MAX_IN_FLIGHT, RPM, MAX_ATTEMPTS, COMMIT_EVERY_ROWS, dir.resolve("runs")));
            List<String> args = List.of("generate", "--config", dir.resolve("chaos.yaml").toString());

            // A random moment: after a random number of requests (so while it pays), then up to 2 s more, which
            // lands some kills in a slice's commit or after the last request.
            long killAfter = 1 + random.nextInt(ROWS);
            Process killed = ChildJvm.start("killed", dir.resolve("logs"), "1g", List.of(), Map.of(),
                    "io.sparkdistill.jobs.cli.DistillMain", args);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (server.requestCount() < killAfter && killed.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            Thread.sleep(random.nextInt(2000));
            boolean running = killed.isAlive();
            killed.destroyForcibly();
            killed.waitFor();
            // The answers on the wire at the kill are still served (and billed): wait for them before counting.
            long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.inFlight() > 0 && System.nanoTime() < settle) {
                Thread.sleep(10);
            }
            Map<String, Integer> paidBeforeKill = paid(server, faults);

            Process rerun = ChildJvm.start("rerun", dir.resolve("logs"), "1g", List.of(), Map.of(),
                    "io.sparkdistill.jobs.cli.DistillMain", args);
            if (!rerun.waitFor(15, TimeUnit.MINUTES)) {
                ChildJvm.destroyTree(rerun.toHandle());
                throw new IllegalStateException("the rerun of round " + number + " hung; see " + dir.resolve("logs"));
            }

            Map<String, Integer> paid = paid(server, faults);
            Map<String, Integer> attempts = server.attemptsByPrompt();
            String runDir = dir.resolve("runs/chaos").toString();
            List<String> ids = new ArrayList<>();
            for (String output : List.of("synthetic", "rejected", "failed")) {
                if (Files.exists(Path.of(runDir, output, "_SUCCESS"))) {
                    ids.addAll(spark.read().parquet(runDir + "/" + output).select("id").as(Encoders.STRING())
                            .collectAsList());
                }
            }
            Set<String> distinct = new HashSet<>(ids);
            long paidAgain = paidBeforeKill.keySet().stream().filter(p -> paid.get(p) > paidBeforeKill.get(p))
                    .count();
            long paidTwiceInARun = paid.entrySet().stream().filter(e -> {
                int before = paidBeforeKill.getOrDefault(e.getKey(), 0);
                return before > 1 || e.getValue() - before > 1;
            }).count();
            return new Round(number, killAfter, running, ROWS, ROWS - distinct.size(), ids.size() - distinct.size(),
                    paidBeforeKill.size(), paidAgain, paidTwiceInARun,
                    attempts.values().stream().mapToInt(Integer::intValue).max().orElse(0),
                    attempts.values().stream().mapToInt(Integer::intValue).average().orElse(0),
                    server.maxRequestsInWindow(Duration.ofMinutes(1)), rerun.exitValue(), server.requestCount());
        }
    }

    /** Complete answers the server sent, by prompt: what a provider bills and the client takes as an answer. */
    private static Map<String, Integer> paid(FakeChatServer server, FaultPlan faults) {
        Map<String, Integer> paid = new TreeMap<>();
        for (FakeChatServer.Received r : server.requests()) {
            if (r.status() == 200 && r.prompt() != null && faults.faultFor(r.prompt(), r.attempt(), r.number())
                    .map(f -> !NOT_AN_ANSWER.contains(f.kind())).orElse(true)) {
                paid.merge(r.prompt(), 1, Integer::sum);
            }
        }
        return paid;
    }
}
