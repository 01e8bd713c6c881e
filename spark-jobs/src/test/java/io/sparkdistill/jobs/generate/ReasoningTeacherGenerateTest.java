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
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A reasoning model behind a server without a reasoning parser writes its chain of thought into the answer as
 * {@code <think>...</think>}: the generate stage keeps only what follows it, and rejects as {@code reasoning_only}
 * the answers whose thinking never ended, recorded in {@code rejected/} and the summary like any other reason.
 */
class ReasoningTeacherGenerateTest {
    private static final int TRAIN = 30;
    private static final int TEST = 10;

    private final SparkSession spark = SharedSpark.session();

    @Test
    void thinkBlocksNeverReachTheLabelAndUnfinishedThinkingIsRejectedAsReasoningOnly() throws Exception {
        Path data = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "reasoning-teacher-");
        Path samples = Path.of("..").toAbsolutePath().normalize().resolve("data-samples/customer-support");
        List<String> lines = Files.readAllLines(samples.resolve("train.jsonl"));
        Files.write(data.resolve("train.jsonl"), lines.subList(0, TRAIN));
        Files.write(data.resolve("test.jsonl"), lines.subList(TRAIN, TRAIN + TEST));
        // one prompt in three gets a model that ran out of its budget while still thinking
        Answerer answerer = messages -> Answerer.Answer.text(Math.floorMod(messages.hashCode(), 3) == 0
                ? "<think>\nThe customer mentions a charge, so this could be billing or a refund"
                : "<think>\nThe customer mentions a charge.\n</think>\n\nbilling");
        try (FakeChatServer server = FakeChatServer.start(null, answerer)) {
            JobConfig config = ConfigLoader.parse("""
                    name: reasoning
                    task: classification
                    labels: [billing, cancel_subscription, technical_issue, shipping_delivery, account_access,
                             refund_request, product_question]
                    data: {train: %s, test: %s}
                    teacher:
                      kind: api
                      endpoint: {provider: generic, base_url: %s, model: r1-distill}
                      generation: {logprobs: false}
                      min_accepted_share: 0.1
                    output: {dir: %s}
                    """.formatted(data.resolve("train.jsonl"), data.resolve("test.jsonl"), server.baseUrl(),
                    data.resolve("runs")), "reasoning.yaml");
            RunLayout layout = RunLayout.of(config);
            GenerateSummary summary = new GenerateJob(RunContext.create(config, spark)).run();

            long reasoningOnly = summary.rejectedByReason().getOrDefault("reasoning_only", 0L);
            List<Row> synthetic = SyntheticSchema.read(spark, layout.synthetic()).collectAsList();
            assertTrue(reasoningOnly > 0, "some prompts got unfinished thinking: " + summary.rejectedByReason());
            assertFalse(synthetic.isEmpty());
            assertEquals(TRAIN + TEST, synthetic.size() + reasoningOnly, "every example accepted or reasoning_only");
            for (Row row : synthetic) {
                assertEquals("billing", row.getAs("teacher_label"), "the label is what follows the think block");
            }
            for (Row r : spark.read().parquet(layout.rejected()).collectAsList()) {
                assertEquals("reasoning_only", r.getAs("reason"));
                assertTrue(r.<String>getAs("detail").contains("words of reasoning"), r.<String>getAs("detail"));
            }
        }
    }
}
