package io.sparkdistill.jobs.generate;

import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.jobs.InputException;
import io.sparkdistill.jobs.JsonFiles;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.RunLayout;
import io.sparkdistill.jobs.SharedSpark;
import io.sparkdistill.jobs.store.GenerateSummary;
import io.sparkdistill.jobs.teacher.FakeChatServer;
import io.sparkdistill.jobs.teacher.SupportIntentTeacher;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What ingest finds wrong with the splits stops generate before a teacher is paid, and what it only warns about
 * reaches {@code generate-summary.json}: a real OpenAI-protocol server on loopback counts the calls.
 */
class IngestBeforeTeacherTest {
    private static final String KEY = "sk-ingest-test";
    private final SparkSession spark = SharedSpark.session();
    private FakeChatServer server;
    private Path dir;
    private List<String> sample;

    @BeforeEach
    void start() throws IOException {
        dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "ingest-teacher-");
        Files.writeString(dir.resolve("teacher.key"), KEY);
        server = FakeChatServer.start(KEY, SupportIntentTeacher.answerer());
        sample = Files.readAllLines(Path.of("..", "data-samples", "customer-support", "train.jsonl")).subList(0, 60);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aValidationSplitOfBlankLinesStopsGenerateBeforeAnyTeacherCall() throws IOException {
        Files.write(dir.resolve("train.jsonl"), sample.subList(0, 40));
        Files.write(dir.resolve("validation.jsonl"), List.of("", " ", ""));
        Files.write(dir.resolve("test.jsonl"), sample.subList(40, 60));
        InputException e = assertThrows(InputException.class,
                () -> new GenerateJob(RunContext.create(job("blank", ""), spark)).run());
        assertTrue(e.getMessage().startsWith("data.validation: "), e.getMessage());
        assertEquals(0, server.requestCount());
    }

    @Test
    void testRowsThatAreAlsoTrainingRowsAreCountedInTheSummaryOrStopTheRunWhenAsked() throws IOException {
        Files.write(dir.resolve("train.jsonl"), sample.subList(0, 40));
        Files.write(dir.resolve("validation.jsonl"), sample.subList(40, 45));
        List<String> test = new ArrayList<>(sample.subList(45, 60));
        test.addAll(sample.subList(0, 4));
        Files.write(dir.resolve("test.jsonl"), test);

        JobConfig strict = job("strict", "  fail_on_split_overlap: true\n");
        InputException e = assertThrows(InputException.class,
                () -> new GenerateJob(RunContext.create(strict, spark)).run());
        assertTrue(e.getMessage().contains("4 inputs in both train and test"), e.getMessage());
        assertEquals(0, server.requestCount());

        JobConfig warned = job("warned", "");
        new GenerateJob(RunContext.create(warned, spark)).run();
        assertTrue(server.requestCount() > 0);
        RunLayout layout = RunLayout.of(warned);
        GenerateSummary summary = JsonFiles.read(Files.readString(Path.of(layout.generateSummary())),
                GenerateSummary.class);
        assertEquals(Map.of("train/test", 4L), summary.splitOverlap());
    }

    private JobConfig job(String name, String dataExtra) {
        return ConfigLoader.parse("""
                name: %s
                task: classification
                labels: %s
                data:
                  train: %s
                  validation: %s
                  test: %s
                %steacher:
                  kind: api
                  endpoint: {provider: generic, base_url: "%s", model: m, api_key_file: %s}
                  min_accepted_share: 0
                output:
                  dir: %s
                """.formatted(name, SupportIntentTeacher.LABELS, dir.resolve("train.jsonl"),
                dir.resolve("validation.jsonl"), dir.resolve("test.jsonl"), dataExtra, server.baseUrl(),
                dir.resolve("teacher.key"), dir.resolve("runs")), name + ".yaml");
    }
}
