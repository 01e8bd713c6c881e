package io.sparkdistill.jobs.generate;

import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.RunLayout;
import io.sparkdistill.jobs.SharedSpark;
import io.sparkdistill.jobs.store.GenerateSummary;
import io.sparkdistill.jobs.teacher.Answerer;
import io.sparkdistill.jobs.teacher.FakeChatServer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generate for each of the six task types, on its sample data, with an API teacher on loopback: every example gets
 * an answer from the task's prompt template, validated by the task's rules.
 */
@Tag("slow")
class EveryTaskGenerateTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "customer-support | billing",
            "nli           | entailment",
            "conversation  | I have checked your order {ref} and a replacement ships today.",
            "qa            | in 1998",
            "math          | First we add the two amounts of {ref}, then we subtract the discount.\\n#### 42",
            "summarisation | The team agreed to ship update {ref} next week."})
    void everySampleExampleIsAnsweredWithTheTasksTemplate(String sample, String answer) throws Exception {
        String task = sample.equals("customer-support") ? "classification" : sample;
        String labels = switch (task) {
            case "classification" -> "labels: [billing, cancel_subscription, technical_issue, shipping_delivery, "
                    + "account_access, refund_request, product_question]";
            case "nli" -> "labels: [entailment, neutral, contradiction]";
            default -> "";
        };
        SparkSession spark = SharedSpark.session();
        Path project = Path.of("..").toAbsolutePath().normalize();
        Path data = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), task + "-");
        long rows = 0;
        for (String split : new String[]{"train", "validation", "test"}) {
            Path file = project.resolve("data-samples/" + sample + "/" + split + ".jsonl");
            Files.copy(file, data.resolve(split + ".jsonl"));
            rows += Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count();
        }
        // {ref} differs per prompt: a teacher giving one long answer to every prompt would be rejected as duplicates.
        String template = answer.replace("\\n", "\n");
        Answerer answerer = messages -> Answerer.Answer.text(template.replace("{ref}",
                Integer.toHexString(messages.hashCode())));
        try (FakeChatServer server = FakeChatServer.start(null, answerer)) {
            JobConfig config = ConfigLoader.parse("""
                    name: %s
                    task: %s
                    %s
                    data: {train: %s, validation: %s, test: %s}
                    teacher:
                      kind: api
                      endpoint: {provider: generic, base_url: %s, model: teacher-405b}
                    output: {dir: %s}
                    """.formatted(task, task, labels, data.resolve("train.jsonl"), data.resolve("validation.jsonl"),
                    data.resolve("test.jsonl"), server.baseUrl(), data.resolve("runs")), task + ".yaml");
            RunLayout layout = RunLayout.of(config);

            GenerateSummary summary = new GenerateJob(RunContext.create(config, spark)).run();

            assertEquals(rows, summary.teacherCalls(), "one call per example");
            assertEquals(rows, summary.generated(), "every answer passes the " + task + " checks");
            List<Row> synthetic = spark.read().parquet(layout.synthetic()).collectAsList();
            assertEquals(rows, synthetic.size());
            Row row = synthetic.get(0);
            assertTrue(row.getString(row.fieldIndex("template_version")).startsWith(task + "-v"));
            String expected = task.equals("math") ? "42"
                    : Pattern.quote(template).replace("{ref}", "\\E[0-9a-f]+\\Q");
            assertTrue(row.getString(row.fieldIndex("teacher_label")).matches(expected), "the teacher's answer is kept");
            assertTrue(server.requests().get(0).body().contains("\"messages\""));
        }
    }
}
