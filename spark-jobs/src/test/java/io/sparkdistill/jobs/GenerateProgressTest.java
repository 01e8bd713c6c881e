package io.sparkdistill.jobs;

import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.jobs.generate.GenerateJob;
import io.sparkdistill.jobs.store.GenerateSummary;
import io.sparkdistill.jobs.teacher.FakeChatServer;
import io.sparkdistill.jobs.teacher.SupportIntentTeacher;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the generate stage tells its user while and after it runs, on one run with an API teacher slow enough that
 * each partition takes seconds. The progress line counts rows as the teacher answers them, not as partitions
 * finish; the shared session's executors report every second ({@code spark.executor.heartbeatInterval}), which is
 * also how often the line comes. The summary says where the stage's time went.
 */
class GenerateProgressTest {
    private static final Pattern LINE = Pattern.compile("\\[generate] (\\d+)/(\\d+) rows, .*tasks (\\d+)/(\\d+),");
    private static String log;
    private static GenerateSummary summary;
    private static Path summaryFile;

    @BeforeAll
    static void generateWithASlowTeacher() throws Exception {
        Path data = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "progress-");
        String[] splits = {"train", "validation", "test"};
        int[] sizes = {30, 6, 6};
        for (int i = 0; i < splits.length; i++) {
            Files.write(data.resolve(splits[i] + ".jsonl"), Files.readAllLines(TestJobs.PROJECT
                    .resolve("data-samples/customer-support/" + splits[i] + ".jsonl")).subList(0, sizes[i]));
        }
        Path keyFile = data.resolve("teacher.key");
        Files.writeString(keyFile, "sk-progress-test");
        // One request at a time, 250 ms each: 42 rows over 2 partitions take about 10 s, each partition all of it.
        try (FakeChatServer server = FakeChatServer.builder().apiKey("sk-progress-test")
                .answerer(SupportIntentTeacher.answerer()).latency(Duration.ofMillis(250)).start();
             CapturedLogs logs = new CapturedLogs()) {
            String yaml = TestJobs.yaml("customer-support-api", data)
                    .replace("provider: openai", "provider: generic")
                    .replace("base_url: https://api.openai.com/v1", "base_url: " + server.baseUrl())
                    .replace("api_key_env: OPENAI_API_KEY", "api_key_file: " + keyFile)
                    .replace("max_in_flight: 8", "max_in_flight: 1")
                    .replace("partitions: 4", "partitions: 2");
            JobConfig config = ConfigLoader.parse(yaml, "customer-support-api (progress test copy)");

            summary = new GenerateJob(RunContext.create(config, SharedSpark.session())).run();
            summaryFile = Path.of(RunLayout.of(config).generateSummary());
            log = logs.text();
        }
    }

    @Test
    void theProgressLineCountsAnsweredRowsBeforeTheFirstPartitionFinishes() {
        assertEquals(42, summary.teacherCalls(), "every row went to the teacher");
        List<String> early = lines(log).stream().filter(m -> Long.parseLong(m.group(1)) > 0
                && Long.parseLong(m.group(3)) == 0).map(Matcher::group).toList();
        assertFalse(early.isEmpty(), "a line counts answered rows while no partition has finished; lines:\n"
                + String.join("\n", lines(log).stream().map(Matcher::group).toList()));
    }

    @Test
    void theSummaryTimesEveryPhaseOfTheStage() throws Exception {
        Map<String, Double> phases = summary.phaseSeconds();
        for (String phase : List.of("input", "pending", "prompt_keys_cache_lookup_and_requests", "cache_write",
                "duplicate_screen_and_counts", "write_synthetic")) {
            assertTrue(phases.getOrDefault(phase, 0.0) > 0, phase + " is timed: " + phases);
        }
        // Every answer was accepted: the folders of rejected and failed answers, with no rows, are not written.
        assertEquals(42, summary.generated(), "every answer accepted");
        assertFalse(phases.containsKey("write_failed") || phases.containsKey("write_rejected"), phases.toString());
        // The requests alone take 42 x 250 ms; nothing else of this small run comes near.
        assertTrue(phases.get("prompt_keys_cache_lookup_and_requests") >= 10, phases.toString());
        assertTrue(phases.get("prompt_keys_cache_lookup_and_requests") <= summary.seconds(), phases.toString());
        JsonNode written = new ObjectMapper().readTree(summaryFile.toFile()).path("phase_seconds");
        assertEquals(phases.keySet(), toSet(written.fieldNames()), "generate-summary.json holds the same phases");
        assertTrue(Pattern.compile("\\[generate] done: .*; phases: .*input \\d+\\.\\d+ s, ").matcher(log).find(),
                "the summary log line lists the phases");
    }

    private static Set<String> toSet(Iterator<String> names) {
        Set<String> out = new LinkedHashSet<>();
        names.forEachRemaining(out::add);
        return out;
    }

    private static List<Matcher> lines(String log) {
        return log.lines().map(LINE::matcher).filter(Matcher::find).toList();
    }
}
