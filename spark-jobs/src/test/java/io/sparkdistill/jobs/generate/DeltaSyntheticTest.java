package io.sparkdistill.jobs.generate;

import io.sparkdistill.config.ConfigException;
import io.delta.tables.DeltaTable;
import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.RunLayout;
import io.sparkdistill.jobs.SharedSpark;
import io.sparkdistill.jobs.store.GenerateSummary;
import io.sparkdistill.jobs.store.SyntheticStore;
import io.sparkdistill.jobs.teacher.FakeChatServer;
import io.sparkdistill.jobs.teacher.SupportIntentTeacher;
import io.sparkdistill.jobs.train.TrainJob;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Synthetic data kept as a Delta Lake table, as Databricks users keep theirs: the first run creates it, a nightly
 * run with new rows merges only those in, and the train stage reads it like Parquet.
 */
@Tag("slow")
class DeltaSyntheticTest {
    private static final int TRAIN = 80;
    private static final int TEST = 20;
    private static final int VALIDATION = 20;
    private static final int NEW_ROWS = 10;

    private final SparkSession spark = SharedSpark.session();

    private static JobConfig config(Path data, FakeChatServer server, String format, String runName) {
        return ConfigLoader.parse("""
                name: support-delta
                task: classification
                labels: [billing, cancel_subscription, technical_issue, shipping_delivery, account_access,
                         refund_request, product_question]
                data: {train: %s, validation: %s, test: %s}
                teacher:
                  kind: api
                  endpoint: {provider: generic, base_url: %s, model: teacher-405b}
                hyperparameters: {num_epochs: 1}
                output: {dir: %s, run_name: %s, synthetic_format: %s}
                """.formatted(data.resolve("train.jsonl"), data.resolve("validation.jsonl"), data.resolve("test.jsonl"),
                server.baseUrl(),
                data.resolve("runs"), runName, format), "support-delta.yaml");
    }

    @Test
    void aNightlyRunMergesOnlyItsNewRowsIntoTheDeltaTableAndTrainReadsIt() throws Exception {
        Path data = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "delta-");
        Path samples = Path.of("..").toAbsolutePath().normalize().resolve("data-samples/customer-support");
        List<String> train = Files.readAllLines(samples.resolve("train.jsonl"));
        Files.write(data.resolve("train.jsonl"), train.subList(0, TRAIN));
        Files.write(data.resolve("test.jsonl"), Files.readAllLines(samples.resolve("test.jsonl")).subList(0, TEST));
        Files.write(data.resolve("validation.jsonl"),
                Files.readAllLines(samples.resolve("validation.jsonl")).subList(0, VALIDATION));
        try (FakeChatServer server = FakeChatServer.start(null, SupportIntentTeacher.answerer())) {
            JobConfig config = config(data, server, "delta", "nightly");
            String table = RunLayout.of(config).synthetic();

            new GenerateJob(RunContext.create(config, spark)).run();
            assertTrue(DeltaTable.isDeltaTable(spark, table), "synthetic/ is a Delta table");
            assertEquals(TRAIN + VALIDATION + TEST, spark.read().format("delta").load(table).count());

            Files.write(data.resolve("train.jsonl"), train.subList(0, TRAIN + NEW_ROWS));
            server.clearObservations();
            GenerateSummary nightly = new GenerateJob(RunContext.create(config, spark)).run();

            assertEquals(NEW_ROWS, server.requestCount(), "the nightly run asks only for the new rows");
            assertEquals(NEW_ROWS, nightly.generated());
            List<String> ids = spark.read().format("delta").load(table).select("id").as(Encoders.STRING())
                    .collectAsList();
            assertEquals(TRAIN + VALIDATION + TEST + NEW_ROWS, ids.size());
            assertEquals(ids.size(), new HashSet<>(ids).size(), "no row twice");
            Row last = DeltaTable.forPath(spark, table).history(1).first();
            assertEquals("MERGE", last.getAs("operation"), "the new rows were merged in");

            new TrainJob(RunContext.create(config, spark)).run();
            assertTrue(Files.exists(Path.of(RunLayout.of(config).model(RunLayout.DISTILLED), "student.json")),
                    "the train stage read the Delta table");
            assertEquals(TRAIN + NEW_ROWS, SyntheticStore.of(RunContext.create(config, spark)).read()
                    .where(col("split").equalTo("train")).count());
        }
    }

    @Test
    void aRunFolderOfParquetFilesIsNotMixedWithADeltaTable() throws Exception {
        Path data = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "delta-mixed-");
        Path samples = Path.of("..").toAbsolutePath().normalize().resolve("data-samples/customer-support");
        List<String> train = Files.readAllLines(samples.resolve("train.jsonl"));
        Files.write(data.resolve("train.jsonl"), train.subList(0, 20));
        Files.write(data.resolve("test.jsonl"), Files.readAllLines(samples.resolve("test.jsonl")).subList(0, 5));
        Files.write(data.resolve("validation.jsonl"),
                Files.readAllLines(samples.resolve("validation.jsonl")).subList(0, 5));
        try (FakeChatServer server = FakeChatServer.start(null, SupportIntentTeacher.answerer())) {
            new GenerateJob(RunContext.create(config(data, server, "parquet", "mixed"), spark)).run();
            Files.write(data.resolve("train.jsonl"), train.subList(0, 25));

            ConfigException e = assertThrows(ConfigException.class,
                    () -> new GenerateJob(RunContext.create(config(data, server, "delta", "mixed"), spark)).run());
            assertTrue(e.getMessage().contains("holds Parquet files but output.synthetic_format is delta"),
                    e.getMessage());
        }
    }
}
