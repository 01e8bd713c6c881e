package io.sparkdistill.jobs.ingest;

import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.ingest.Example;
import io.sparkdistill.jobs.SharedSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputReaderTest {
    private final SparkSession spark = SharedSpark.session();
    private Path dir;

    @BeforeEach
    void folder() throws IOException {
        dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "input-");
    }

    @Test
    void aMissingSplitFileStopsTheRunAndNamesTheKey() throws IOException {
        write("train.jsonl", lines(20, 0));
        InputException e = assertThrows(InputException.class, () -> read(job("train.jsonl", "nope.jsonl")));
        assertTrue(e.getMessage().startsWith("data.test: no file at"), e.getMessage());
    }

    @Test
    void anEmptySplitFileIsAnErrorNotAnEmptyRun() throws IOException {
        write("train.jsonl", lines(20, 0));
        write("test.jsonl", List.of());
        InputException e = assertThrows(InputException.class, () -> read(job("train.jsonl", "test.jsonl")));
        assertTrue(e.getMessage().contains("test.jsonl' is empty"), e.getMessage());
    }

    @Test
    void tooManyBadRowsStopTheRunNamingTheFileAndItsFirstProblems() throws IOException {
        write("train.jsonl", lines(18, 2));   // 10% bad, above the default 5%
        write("test.jsonl", lines(20, 0));
        InputException e = assertThrows(InputException.class, () -> read(job("train.jsonl", "test.jsonl")));
        assertTrue(e.getMessage().contains("train.jsonl: 2 of 20 rows (10.0%) are invalid"), e.getMessage());
        assertTrue(e.getMessage().contains("line 19, field 'label'"), e.getMessage());
        assertTrue(e.getMessage().contains("raise data.max_bad_row_share"), e.getMessage());
    }

    @Test
    void badRowsUnderTheLimitAreQuarantinedAndCounted() throws IOException {
        write("train.jsonl", lines(39, 1));
        write("test.jsonl", lines(20, 0));
        IngestResult result = read(job("train.jsonl", "test.jsonl"));
        assertEquals(39L, result.validBySplit().get("train"));
        assertEquals(20L, result.validBySplit().get("test"));
        assertEquals(1L, result.quarantinedByReason().get("unknown_label"));
        Row row = spark.read().parquet(dir.resolve("quarantine").toString()).first();
        assertEquals(40L, row.getLong(row.fieldIndex("source_line")));
    }

    @Test
    void parquetInputIsReadWithTheSameChecksAndRowNumbers() {
        StructType schema = new StructType().add("text", DataTypes.StringType).add("label", DataTypes.StringType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(RowFactory.create("message number " + i, i % 2 == 0 ? "billing" : "refund"));
        }
        rows.add(RowFactory.create(null, "billing"));
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(dir.resolve("train").toString());
        spark.createDataFrame(rows.subList(0, 10), schema).coalesce(1).write().parquet(dir.resolve("test").toString());

        IngestResult result = read(job("train", "test"));
        assertEquals(30L, result.validBySplit().get("train"));
        assertEquals(1L, result.quarantinedByReason().get("missing_field"));
        Example first = result.examples().filter(e -> e.sourceLine() == 1 && e.split().configName().equals("train"))
                .first();
        assertEquals("message number 0", first.inputs().get("text"));
    }

    @Test
    void aParquetFileWithoutTheTasksColumnsIsRejectedBeforeAnyWork() {
        StructType schema = new StructType().add("body", DataTypes.StringType).add("label", DataTypes.StringType);
        spark.createDataFrame(List.of(RowFactory.create("hello", "billing")), schema)
                .write().parquet(dir.resolve("train").toString());
        InputException e = assertThrows(InputException.class, () -> read(job("train", "train")));
        assertTrue(e.getMessage().contains("has no column 'text'"), e.getMessage());
        assertTrue(e.getMessage().contains("found [body, label]"), e.getMessage());
    }

    private IngestResult read(JobConfig config) {
        return new InputReader(spark, config).read(dir.resolve("quarantine").toString());
    }

    private JobConfig job(String train, String test) {
        return ConfigLoader.parse("""
                name: input-test
                task: classification
                labels: [billing, refund]
                data:
                  train: %s
                  test: %s
                """.formatted(dir.resolve(train), dir.resolve(test)), "input-test.yaml");
    }

    private void write(String name, List<String> lines) throws IOException {
        Files.write(dir.resolve(name), lines);
    }

    /** {@code good} valid rows, then {@code bad} rows with an unknown label. */
    private static List<String> lines(int good, int bad) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < good; i++) {
            lines.add("{\"text\": \"message " + i + "\", \"label\": \"" + (i % 2 == 0 ? "billing" : "refund") + "\"}");
        }
        for (int i = 0; i < bad; i++) {
            lines.add("{\"text\": \"odd message " + i + "\", \"label\": \"other\"}");
        }
        return lines;
    }
}
