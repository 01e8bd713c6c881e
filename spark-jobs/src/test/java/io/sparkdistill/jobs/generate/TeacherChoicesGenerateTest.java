package io.sparkdistill.jobs.generate;

import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.RunLayout;
import io.sparkdistill.jobs.SharedSpark;
import io.sparkdistill.jobs.store.GenerateSummary;
import io.sparkdistill.jobs.store.SyntheticSchema;
import io.sparkdistill.jobs.teacher.Answerer;
import io.sparkdistill.jobs.teacher.FakeChatServer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the teacher's answers become beyond one completion per prompt: several completions ({@code n}) combined
 * into one answer, and a teacher repeating one boilerplate reply caught as duplicates across the whole run.
 */
@Tag("slow")
class TeacherChoicesGenerateTest {
    private static final int TRAIN = 40;
    private static final int TEST = 10;
    private static final int ROWS = TRAIN + TEST;

    private final SparkSession spark = SharedSpark.session();

    /** A reference unique to the prompt, so that answers to different prompts differ. */
    private static String ref(List<Answerer.Message> messages) {
        return Integer.toHexString(messages.hashCode());
    }

    private static Path sample(String name) throws IOException {
        Path data = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), name + "-choices-");
        Path samples = Path.of("..").toAbsolutePath().normalize().resolve("data-samples/" + name);
        List<String> lines = Files.readAllLines(samples.resolve("train.jsonl"));
        Files.write(data.resolve("train.jsonl"), lines.subList(0, TRAIN));
        Files.write(data.resolve("test.jsonl"), lines.subList(TRAIN, ROWS));
        return data;
    }

    private JobConfig config(String task, String labels, Path data, FakeChatServer server, int n) {
        return ConfigLoader.parse("""
                name: %s
                task: %s
                %s
                data: {train: %s, test: %s}
                teacher:
                  kind: api
                  endpoint: {provider: generic, base_url: %s, model: teacher-405b}
                  generation: {n: %d, logprobs: false}
                output: {dir: %s}
                """.formatted(task, task, labels, data.resolve("train.jsonl"), data.resolve("test.jsonl"), server.baseUrl(), n,
                data.resolve("runs")), task + ".yaml");
    }

    @Test
    void mathWithThreeCompletionsTakesTheMajorityFinalAnswerAndItsWorking() throws Exception {
        Answerer answerer = new Answerer() {
            @Override
            public Answer answer(List<Message> messages) {
                return answer(messages, 0);
            }

            @Override
            public Answer answer(List<Message> messages, int choice) {
                String result = choice == 0 ? "71" : "72";
                return Answer.text("Working through question " + ref(messages) + " (attempt " + choice
                        + ") step by step gives the total.\n#### " + result);
            }
        };
        Path data = sample("math");
        try (FakeChatServer server = FakeChatServer.start(null, answerer)) {
            JobConfig config = config("math", "", data, server, 3);
            GenerateSummary summary = new GenerateJob(RunContext.create(config, spark)).run();

            assertEquals(ROWS, server.requestCount(), "one request per prompt, however many completions");
            assertEquals(ROWS, summary.generated());
            for (Row row : SyntheticSchema.read(spark, RunLayout.of(config).synthetic()).collectAsList()) {
                assertEquals("72", row.getAs("teacher_label"), "two completions of three say 72");
                assertTrue(row.<String>getAs("teacher_rationale").contains("(attempt 1)"),
                        "the working kept is the first completion that reached the majority answer");
            }
            assertTrue(summary.completionTokens() > 0);
        }
    }

    @Test
    void labelsOfSeveralCompletionsAreAveragedIntoSoftLabels() throws Exception {
        Answerer answerer = new Answerer() {
            @Override
            public Answer answer(List<Message> messages) {
                return answer(messages, 0);
            }

            @Override
            public Answer answer(List<Message> messages, int choice) {
                return Answer.text(choice == 0 ? "billing" : "refund_request");
            }
        };
        Path data = sample("customer-support");
        try (FakeChatServer server = FakeChatServer.start(null, answerer)) {
            JobConfig config = config("classification", "labels: [billing, cancel_subscription, technical_issue, "
                    + "shipping_delivery, account_access, refund_request, product_question]", data, server, 3);
            new GenerateJob(RunContext.create(config, spark)).run();

            List<Row> rows = SyntheticSchema.read(spark, RunLayout.of(config).synthetic()).collectAsList();
            assertEquals(ROWS, rows.size());
            for (Row row : rows) {
                assertEquals("refund_request", row.getAs("teacher_label"));
                assertArrayEquals(new float[]{1 / 3f, 0f, 0f, 0f, 0f, 2 / 3f, 0f},
                        SyntheticSchema.floats(row, "teacher_probabilities"), 1e-6f);
            }
        }
    }

    @Test
    void aBoilerplateReplyToManyQuestionsIsKeptOnceAndRejectedAsADuplicateElsewhere() throws Exception {
        String boilerplate = "Thank you for reaching out, our team will get back to you within two business days.";
        Answerer answerer = messages -> Answerer.Answer.text(Math.floorMod(ref(messages).hashCode(), 4) == 0 ? boilerplate
                : "I looked into request " + ref(messages) + " and have fixed the settings of your account today.");
        Path data = sample("conversation");
        try (FakeChatServer server = FakeChatServer.start(null, answerer)) {
            JobConfig config = config("conversation", "", data, server, 1);
            RunLayout layout = RunLayout.of(config);
            GenerateSummary summary = new GenerateJob(RunContext.create(config, spark)).run();

            long duplicates = summary.rejectedByReason().getOrDefault("duplicate", 0L);
            List<Row> synthetic = SyntheticSchema.read(spark, layout.synthetic()).collectAsList();
            List<Row> keptBoilerplate = synthetic.stream()
                    .filter(r -> boilerplate.equals(r.getAs("teacher_label"))).toList();
            assertEquals(1, keptBoilerplate.size(), "the boilerplate reply is kept once");
            assertTrue(duplicates >= 3, "the sample has several questions answered with it: " + duplicates);
            assertEquals(ROWS, synthetic.size() + duplicates, "every example is accepted or a duplicate");
            List<Row> rejected = spark.read().parquet(layout.rejected()).collectAsList();
            String firstId = keptBoilerplate.get(0).getAs("id");
            for (Row r : rejected) {
                assertEquals("duplicate", r.getAs("reason"));
                assertTrue(r.<String>getAs("detail").startsWith("same output as example " + firstId),
                        r.<String>getAs("detail"));
                assertTrue(r.<String>getAs("id").compareTo(firstId) > 0, "the smallest id wins");
            }

            long before = server.requestCount();
            GenerateSummary again = new GenerateJob(RunContext.create(config, spark)).run();
            assertEquals(before, server.requestCount(), "rejected duplicates are not asked again");
            assertEquals(0, again.generated());
        }
    }
}
