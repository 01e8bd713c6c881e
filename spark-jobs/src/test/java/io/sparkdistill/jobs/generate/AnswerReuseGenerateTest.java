package io.sparkdistill.jobs.generate;

import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.RunLayout;
import io.sparkdistill.jobs.SharedSpark;
import io.sparkdistill.jobs.store.GenerateSummary;
import io.sparkdistill.jobs.store.SyntheticSchema;
import io.sparkdistill.jobs.teacher.FakeChatServer;
import io.sparkdistill.jobs.teacher.SupportIntentTeacher;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A teacher answer is paid for once: per prompt within a run (the same question in two splits), across run folders
 * that share the answer cache (a nightly run in a fresh folder), and asked again only when the teacher's settings
 * change. The steps share one cache, so they run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnswerReuseGenerateTest {
    private static final int TRAIN = 60;
    private static final int TEST = 20;
    private static final int ROWS = TRAIN + TEST + 1;

    private static SparkSession spark;
    private static FakeChatServer server;
    private static Path data;
    private static Map<String, String> firstLabels;

    @BeforeAll
    static void start() throws Exception {
        spark = SharedSpark.session();
        data = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "answer-reuse-");
        Path samples = Path.of("..").toAbsolutePath().normalize().resolve("data-samples/customer-support");
        List<String> train = Files.readAllLines(samples.resolve("train.jsonl")).subList(0, TRAIN);
        List<String> test = new ArrayList<>(Files.readAllLines(samples.resolve("test.jsonl")).subList(0, TEST));
        test.add(train.get(0)); // the same question in the test split: another example, the same prompt
        Files.write(data.resolve("train.jsonl"), train);
        Files.write(data.resolve("test.jsonl"), test);
        server = FakeChatServer.start(null, SupportIntentTeacher.answerer());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JobConfig config(String runName, double temperature) {
        return ConfigLoader.parse("""
                name: support
                task: classification
                labels: [billing, cancel_subscription, technical_issue, shipping_delivery, account_access,
                         refund_request, product_question]
                data: {train: %s, test: %s}
                teacher:
                  kind: api
                  endpoint: {provider: generic, base_url: %s, model: teacher-405b}
                  generation: {temperature: %s, top_logprobs: 3}
                output: {dir: %s, run_name: %s}
                """.formatted(data.resolve("train.jsonl"), data.resolve("test.jsonl"), server.baseUrl(), temperature,
                data.resolve("runs"), runName), "support.yaml");
    }

    private static List<Row> synthetic(JobConfig config) {
        return SyntheticSchema.read(spark, RunLayout.of(config).synthetic()).collectAsList();
    }

    @Test
    @Order(1)
    void anIdenticalPromptInTwoSplitsIsSentOnceAndAnswersBoth() {
        JobConfig config = config("monday", 0.7);
        GenerateSummary summary = new GenerateJob(RunContext.create(config, spark)).run();

        assertEquals(ROWS - 1, server.requestCount(), "one request per distinct prompt");
        assertEquals(ROWS - 1, summary.teacherCalls());
        assertEquals(1, summary.answersReused());
        List<Row> rows = synthetic(config);
        assertEquals(ROWS, rows.size(), "both copies have an answer");
        List<Row> shared = rows.stream().filter(r -> "same-prompt".equals(r.getAs("answer_source"))).toList();
        assertEquals(1, shared.size());
        String key = shared.get(0).getAs("prompt_key");
        List<Row> copies = rows.stream().filter(r -> key.equals(r.getAs("prompt_key"))).toList();
        assertEquals(2, copies.size());
        assertEquals(List.of("test", "train"), copies.stream().map(r -> r.<String>getAs("split")).sorted().toList());
        assertArrayEquals(SyntheticSchema.floats(copies.get(0), "teacher_probabilities"),
                SyntheticSchema.floats(copies.get(1), "teacher_probabilities"));
        firstLabels = rows.stream().collect(Collectors.toMap(r -> r.getAs("id"), r -> r.getAs("teacher_label")));
    }

    @Test
    @Order(2)
    void everyRowKeepsTheTopLogprobsOfTheTokensItWasAnsweredWith() {
        for (Row row : synthetic(config("monday", 0.7))) {
            List<Row> tokens = row.getList(row.fieldIndex("token_logprobs"));
            assertFalse(tokens.isEmpty(), "token log-probabilities are kept");
            Row first = tokens.get(0);
            List<Row> top = first.getList(first.fieldIndex("top"));
            assertEquals(3, top.size(), "top_logprobs: 3 alternatives per token");
            String label = row.getAs("teacher_label");
            assertTrue(label.startsWith(first.<String>getAs("token").strip()), label + " starts with its first token");
            assertTrue(top.get(0).<Float>getAs("logprob") >= top.get(2).<Float>getAs("logprob"));
        }
    }

    @Test
    @Order(3)
    void aNewRunFolderWithTheSameTeacherTakesEveryAnswerFromTheCache() {
        long before = server.requestCount();
        JobConfig config = config("tuesday", 0.7);
        GenerateSummary summary = new GenerateJob(RunContext.create(config, spark)).run();

        assertEquals(before, server.requestCount(), "nothing is paid for twice");
        assertEquals(0, summary.teacherCalls());
        assertEquals(0, summary.promptTokens() + summary.completionTokens());
        assertEquals(ROWS, summary.answersReused());
        List<Row> rows = synthetic(config);
        assertEquals(ROWS, rows.size());
        for (Row row : rows) {
            assertEquals(firstLabels.get(row.<String>getAs("id")), row.getAs("teacher_label"));
            assertTrue(List.of("cache", "same-prompt").contains(row.<String>getAs("answer_source")));
        }
    }

    @Test
    @Order(4)
    void anotherTemperatureIsAnotherTeacherSoItIsAskedAgain() {
        long before = server.requestCount();
        GenerateSummary summary = new GenerateJob(RunContext.create(config("colder", 0.2), spark)).run();

        assertEquals(ROWS - 1, server.requestCount() - before);
        assertEquals(ROWS - 1, summary.teacherCalls());
    }
}
