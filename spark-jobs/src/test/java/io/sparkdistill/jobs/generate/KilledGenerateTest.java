package io.sparkdistill.jobs.generate;

import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.RunLayout;
import io.sparkdistill.jobs.SharedSpark;
import io.sparkdistill.jobs.store.GenerateSummary;
import io.sparkdistill.jobs.teacher.Answerer;
import io.sparkdistill.jobs.teacher.FakeChatServer;
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
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A generate run with an API teacher killed part way (its Spark jobs cancelled), then run again. */
@Tag("slow")
class KilledGenerateTest {
    private static final int EXAMPLES = 300;

    @Test
    void aKilledRunKeepsWhatItPaidForAndTheRerunAsksOnlyForTheRest() throws Exception {
        SparkSession spark = SharedSpark.session();
        Path data = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "killed-");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < EXAMPLES; i++) {
            lines.add("{\"text\": \"message number " + i + " about my order\", \"label\": \""
                    + (i % 2 == 0 ? "billing" : "refund_request") + "\"}");
        }
        Files.write(data.resolve("train.jsonl"), lines.subList(0, 250));
        Files.write(data.resolve("test.jsonl"), lines.subList(250, EXAMPLES));

        try (FakeChatServer server = FakeChatServer.builder().answerer(Answerer.fixed("billing"))
                .latency(Duration.ofMillis(20)).slots(2).start()) {
            JobConfig config = ConfigLoader.parse("""
                    name: killed
                    task: classification
                    labels: [billing, refund_request]
                    data: {train: %s, test: %s}
                    teacher:
                      kind: api
                      endpoint: {provider: generic, base_url: %s, model: teacher, max_in_flight: 2}
                      commit_every_rows: 50
                    output: {dir: %s}
                    """.formatted(data.resolve("train.jsonl"), data.resolve("test.jsonl"), server.baseUrl(),
                    data.resolve("runs")), "killed.yaml");
            RunLayout layout = RunLayout.of(config);

            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread run = new Thread(() -> {
                try {
                    new GenerateJob(RunContext.create(config, spark)).run();
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            run.start();
            while (server.requestCount() < 150 && run.isAlive()) {
                Thread.sleep(10);
            }
            spark.sparkContext().cancelJobGroup("generate");
            run.join();
            assertNotNull(failure.get(), "the run was killed before it finished");

            List<String> written = ids(spark, layout.synthetic());
            assertEquals(written.size(), new HashSet<>(written).size(), "no duplicates after the kill");
            assertTrue(written.size() >= 50 && written.size() < EXAMPLES, "part was kept: " + written.size());

            server.clearObservations();
            GenerateSummary rerun = new GenerateJob(RunContext.create(config, spark)).run();
            // The rest is asked again, or taken from the answer cache when the killed run had paid for it already.
            assertEquals(EXAMPLES - written.size(), rerun.teacherCalls() + rerun.answersReused(),
                    "the rerun answers only the rest");
            assertEquals(rerun.teacherCalls(), server.requestCount(), "and pays only for what it has no answer to");

            List<String> all = ids(spark, layout.synthetic());
            Set<String> distinct = new HashSet<>(all);
            assertEquals(EXAMPLES, all.size());
            assertEquals(EXAMPLES, distinct.size());
            assertTrue(distinct.containsAll(written));
        }
    }

    private static List<String> ids(SparkSession spark, String path) {
        if (!Files.exists(Path.of(path, "_SUCCESS"))) {
            return List.of();
        }
        return spark.read().parquet(path).select("id").as(Encoders.STRING()).collectAsList();
    }
}
