package io.sparkdistill.jobs;

import io.sparkdistill.config.ConfigOverrides;
import io.sparkdistill.jobs.cli.DistillMain;
import io.sparkdistill.jobs.store.GenerateSummary;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two generates started on one run folder at once, as two schedulers or two people would: without the run lock
 * both exited 0 and every example was in synthetic/ twice, under two run ids.
 */
@Tag("slow")
class ConcurrentRunTest {

    @Test
    void aSecondRunOnABusyRunFolderExitsTwoNamingTheHolderAndNoExampleIsWrittenTwice() throws Exception {
        Path data = TestJobs.copySamples("customer-support");
        // A share of the sample keeps the test short; the first run holds the lock for its whole generate anyway.
        for (String split : new String[]{"train", "validation", "test"}) {
            Path file = data.resolve(split + ".jsonl");
            List<String> lines = Files.readAllLines(file);
            Files.write(file, lines.subList(0, lines.size() / 5));
        }
        Path config = Files.writeString(data.resolve("job.yaml"), TestJobs.yaml("customer-support", data));
        RunLayout layout = RunLayout.of(DistillMain.loadConfig(config.toString(), ConfigOverrides.none()));
        Path lock = Path.of(layout.lock());
        String[] generate = {"generate", "--config", config.toString()};
        SharedSpark.session();
        ByteArrayOutputStream firstErr = new ByteArrayOutputStream();
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> DistillMain.run(generate,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(firstErr, true, StandardCharsets.UTF_8)));
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!Files.exists(lock)) {
            assertFalse(first.isDone(), "the first run ended before it was seen holding the lock: "
                    + firstErr.toString(StandardCharsets.UTF_8));
            assertTrue(System.nanoTime() < deadline, "the first run never took the lock");
            Thread.sleep(10);
        }

        ByteArrayOutputStream secondErr = new ByteArrayOutputStream();
        int second = DistillMain.run(generate, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(secondErr, true, StandardCharsets.UTF_8));

        String refusal = secondErr.toString(StandardCharsets.UTF_8);
        assertEquals(2, second, refusal);
        assertTrue(refusal.startsWith("error: the run folder is in use by another run: 'distill generate --config "
                + config + "' by " + System.getProperty("user.name") + " on "), refusal);
        assertTrue(refusal.contains("(pid " + ProcessHandle.current().pid() + ")"), refusal);
        assertEquals(0, first.get(), firstErr.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(lock), "released when the first run ended");

        Dataset<Row> synthetic = SharedSpark.session().read().parquet(layout.synthetic());
        GenerateSummary summary = JsonFiles.read(Files.readString(Path.of(layout.generateSummary())),
                GenerateSummary.class);
        assertTrue(summary.generated() > 250, "the first run answered the whole input: " + summary.generated());
        assertEquals(summary.generated(), synthetic.count(), "only the first run's answers");
        assertEquals(summary.generated(), synthetic.select("id").distinct().count(), "each example once");
        assertEquals(1, synthetic.select("run_id").distinct().count(), "written by one run");
    }
}
