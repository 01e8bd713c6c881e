package io.sparkdistill.jobs.generate;

import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.RunLayout;
import io.sparkdistill.jobs.SharedSpark;
import io.sparkdistill.jobs.cluster.ChildJvm;
import io.sparkdistill.jobs.teacher.Answerer;
import io.sparkdistill.jobs.teacher.FakeChatServer;
import io.sparkdistill.teacher.cache.JournalEntry;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A generate run with an API teacher in a JVM of its own, killed with {@code kill -9} at a random moment while it
 * pays for answers (all in one slice, the default {@code commit_every_rows} being larger than the input, so nothing
 * is committed before the kill), then run again: the answer journal keeps every answer that reached the executor,
 * so only the answers on the wire at the kill are paid for twice.
 */
@Tag("slow")
class KilledApiGenerateJournalTest {
    private static final int EXAMPLES = 200;
    private static final int MAX_IN_FLIGHT = 4;
    private static final String KEY = "sk-journal-test-4f9c2a7e1b";

    @Test
    void aGenerateKilledAtARandomMomentPaysTwiceOnlyForTheAnswersOnTheWire() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path dir = Path.of("target", "killed-api-generate", Long.toString(seed)).toAbsolutePath();
        Files.createDirectories(dir);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < EXAMPLES; i++) {
            lines.add("{\"text\": \"message number " + i + " about my order\", \"label\": \"billing\"}");
        }
        Files.write(dir.resolve("train.jsonl"), lines.subList(0, EXAMPLES - 40));
        Files.write(dir.resolve("test.jsonl"), lines.subList(EXAMPLES - 40, EXAMPLES));
        Files.writeString(dir.resolve("key"), KEY);

        try (FakeChatServer server = FakeChatServer.builder().apiKey(KEY).answerer(Answerer.fixed("billing"))
                .latency(Duration.ofMillis(40)).start()) {
            String yaml = """
                    name: killed
                    task: classification
                    labels: [billing, refund_request]
                    data: {train: %s, test: %s}
                    teacher:
                      kind: api
                      endpoint: {provider: generic, base_url: %s, model: teacher, api_key_file: %s, max_in_flight: %d}
                    output: {dir: %s}
                    spark: {master: "local[2]", partitions: 4, conf: {spark.ui.enabled: "false"}}
                    """.formatted(dir.resolve("train.jsonl"), dir.resolve("test.jsonl"), server.baseUrl(),
                    dir.resolve("key"), MAX_IN_FLIGHT, dir.resolve("runs"));
            Files.writeString(dir.resolve("killed.yaml"), yaml);
            JobConfig config = ConfigLoader.parse(yaml, "killed.yaml");
            RunLayout layout = RunLayout.of(config);

            int killAfter = 20 + random.nextInt(EXAMPLES - 60);
            Process generate = ChildJvm.start("generate", dir.resolve("logs"), "1g", List.of(), Map.of(),
                    "io.sparkdistill.jobs.cli.DistillMain", List.of("generate", "--config", dir.resolve("killed.yaml")
                            .toString()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (server.requestCount() < killAfter && generate.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            assertTrue(generate.isAlive(), "still generating when killed after " + killAfter + " requests; see "
                    + dir.resolve("logs"));
            generate.destroyForcibly();
            generate.waitFor();
            Thread.sleep(300); // the answers on the wire at the kill are still served (and paid for)
            Map<String, Integer> paidBeforeKill = paidByPrompt(server);

            List<String> journaled = journalLines(layout);
            assertFalse(journaled.isEmpty(), "the killed run journaled its answers");
            assertTrue(journaled.stream().noneMatch(l -> l.contains(KEY)), "no journal line holds the key");
            long whole = journaled.stream().filter(l -> JournalEntry.parse(l).isPresent()).count();
            assertTrue(whole >= paidBeforeKill.size() - MAX_IN_FLIGHT, "every answer but those on the wire was "
                    + "journaled: " + whole + " journaled of " + paidBeforeKill.size() + " paid (seed " + seed + ")");

            SparkSession spark = SharedSpark.session();
            new GenerateJob(RunContext.create(config, spark)).run();

            Map<String, Integer> paid = paidByPrompt(server);
            long paidTwice = paid.values().stream().filter(n -> n > 1).count();
            String context = "seed " + seed + ", killed after " + killAfter + " requests, " + paidBeforeKill.size()
                    + " answers paid before the kill";
            assertTrue(paidTwice <= MAX_IN_FLIGHT, paidTwice + " answers paid twice, more than max_in_flight "
                    + MAX_IN_FLIGHT + "; " + context);
            assertEquals(EXAMPLES, paid.size(), "every prompt was paid for at least once; " + context);
            List<String> ids = spark.read().parquet(layout.synthetic()).select("id").as(Encoders.STRING())
                    .collectAsList();
            assertEquals(EXAMPLES, ids.size(), "no example lost or written twice; " + context);
            assertEquals(EXAMPLES, new HashSet<>(ids).size(), context);
            assertTrue(journalLines(layout).isEmpty(), "the journal is emptied once its answers are kept");
        }
    }

    /** Complete answers the server sent (what a provider bills), by prompt. */
    private static Map<String, Integer> paidByPrompt(FakeChatServer server) {
        Map<String, Integer> paid = new TreeMap<>();
        for (FakeChatServer.Received r : server.requests()) {
            if (r.status() == 200 && r.prompt() != null) {
                paid.merge(r.prompt(), 1, Integer::sum);
            }
        }
        return paid;
    }

    private static List<String> journalLines(RunLayout layout) throws Exception {
        Path journal = Path.of(layout.answerJournal());
        if (!Files.exists(journal)) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(journal)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                lines.addAll(Files.readAllLines(file));
            }
        }
        return lines;
    }
}
