package io.sparkdistill.jobs;

import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.jobs.generate.GenerateJob;
import io.sparkdistill.jobs.store.GenerateSummary;
import io.sparkdistill.jobs.teacher.FakeChatServer;
import io.sparkdistill.jobs.teacher.SupportIntentTeacher;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generate stage's progress line counts rows as the teacher answers them, not as partitions finish: with a
 * teacher slow enough that each partition takes seconds, a line reports answered rows while no partition of the
 * answering stage has finished yet. The shared session's executors report every second
 * ({@code spark.executor.heartbeatInterval}), which is also how often the line comes.
 */
class GenerateProgressTest {
    private static final Pattern LINE = Pattern.compile("\\[generate] (\\d+)/(\\d+) rows, .*tasks (\\d+)/(\\d+),");

    @Test
    void theProgressLineCountsAnsweredRowsBeforeTheFirstPartitionFinishes() throws Exception {
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

            GenerateSummary summary = new GenerateJob(RunContext.create(config, SharedSpark.session())).run();

            assertEquals(42, summary.teacherCalls(), "every row went to the teacher");
            List<String> early = lines(logs.text()).stream().filter(m -> Long.parseLong(m.group(1)) > 0
                    && Long.parseLong(m.group(3)) == 0).map(Matcher::group).toList();
            assertTrue(!early.isEmpty(), "a line counts answered rows while no partition has finished; lines:\n"
                    + String.join("\n", lines(logs.text()).stream().map(Matcher::group).toList()));
        }
    }

    private static List<Matcher> lines(String log) {
        return log.lines().map(LINE::matcher).filter(Matcher::find).toList();
    }
}
