package io.sparkdistill.jobs.ingest;

import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.ingest.Example;
import io.sparkdistill.jobs.InputException;
import io.sparkdistill.jobs.SharedSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    @Test
    void lineNumbersStayPhysicalWhenATextHoldsARawCarriageReturnAndTheFileIsReadInManyPieces() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (int line = 1; line <= 300; line++) {
            String text = line == 3 ? "first\rsecond" : "message " + line;
            file.writeBytes(("{\"text\": \"" + text).getBytes(StandardCharsets.UTF_8));
            if (line == 100) {
                file.write(0xFF);   // never part of UTF-8
            }
            file.writeBytes("\", \"label\": \"billing\"}".getBytes(StandardCharsets.UTF_8));
            file.writeBytes(line % 2 == 0 ? "\r\n".getBytes(StandardCharsets.UTF_8) : new byte[]{'\n'});
        }
        Files.write(dir.resolve("train.jsonl"), file.toByteArray());
        write("test.jsonl", lines(20, 0));
        String maxSplit = "mapreduce.input.fileinputformat.split.maxsize";
        spark.sparkContext().hadoopConfiguration().set(maxSplit, "1000");   // about 20 pieces of the file
        IngestResult result;
        try {
            result = read(job("train.jsonl", "test.jsonl"));
        } finally {
            spark.sparkContext().hadoopConfiguration().unset(maxSplit);
        }
        assertEquals(298L, result.validBySplit().get("train"));
        Map<Long, String> quarantined = new TreeMap<>();
        spark.read().parquet(dir.resolve("quarantine").toString()).collectAsList()
                .forEach(r -> quarantined.put(r.getLong(r.fieldIndex("source_line")), r.getString(r.fieldIndex("reason"))
                        + " " + r.getString(r.fieldIndex("field"))));
        assertEquals(Map.of(3L, "malformed_json null", 100L, "invalid_utf8 text"), quarantined);
        List<Example> train = result.examples().filter(e -> e.split().configName().equals("train")).collect();
        assertTrue(train.stream().allMatch(e -> e.inputs().get("text").equals("message " + e.sourceLine())));
        assertEquals(298, train.stream().map(Example::sourceLine).distinct().count());
    }

    @Test
    void aFolderIsReadWithItsSubFoldersButNotItsHiddenOnes() throws IOException {
        Files.createDirectories(dir.resolve("train/date=2026-12-01"));
        Files.createDirectories(dir.resolve("train/more/deeper"));
        Files.createDirectories(dir.resolve("train/_temporary"));
        Files.createDirectories(dir.resolve("train/.staging"));
        write("train/part-0.jsonl", lines(10, 0));
        write("train/date=2026-12-01/part-0.jsonl", lines(10, 0));
        write("train/more/deeper/part-0.jsonl", lines(10, 0));
        write("train/_temporary/part-0.jsonl", List.of("not json"));
        write("train/.staging/part-0.jsonl", List.of("not json"));
        write("train/_SUCCESS", List.of("not json"));
        write("test.jsonl", lines(20, 0));
        IngestResult result = read(job("train", "test.jsonl"));
        assertEquals(30L, result.validBySplit().get("train"));
        assertTrue(result.quarantinedByReason().isEmpty(), result.quarantinedByReason().toString());
    }

    @Test
    void aSplitOfBlankLinesIsAnInputErrorNamingTheSplit() throws IOException {
        write("train.jsonl", lines(20, 0));
        write("test.jsonl", List.of("", "   ", "\t", ""));
        InputException e = assertThrows(InputException.class, () -> read(job("train.jsonl", "test.jsonl")));
        assertTrue(e.getMessage().startsWith("data.test: '"), e.getMessage());
        assertTrue(e.getMessage().contains("test.jsonl' holds no rows (only blank lines"), e.getMessage());
    }

    @Test
    void theSameInputInTrainAndTestIsCountedAndStopsTheRunWhenTheJobSaysSo() throws IOException {
        write("train.jsonl", lines(20, 0));
        List<String> test = new ArrayList<>(lines(20, 0).subList(0, 3));
        test.set(0, test.get(0).replace("billing", "refund"));   // another label, the same input
        test.add("{\"text\": \"something new\", \"label\": \"refund\"}");
        write("test.jsonl", test);
        IngestResult result = read(job("train.jsonl", "test.jsonl"));
        assertEquals(Map.of("train/test", 3L), result.splitOverlap());

        JobConfig strict = ConfigLoader.parse("""
                name: input-test
                task: classification
                labels: [billing, refund]
                data:
                  train: %s
                  test: %s
                  fail_on_split_overlap: true
                """.formatted(dir.resolve("train.jsonl"), dir.resolve("test.jsonl")), "strict.yaml");
        InputException e = assertThrows(InputException.class, () -> read(strict));
        assertTrue(e.getMessage().contains("3 inputs in both train and test; for example "), e.getMessage());
        assertTrue(e.getMessage().contains("test.jsonl line "), e.getMessage());
        assertTrue(e.getMessage().endsWith("(data.fail_on_split_overlap is true)"), e.getMessage());
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
        Files.createDirectories(dir.resolve(name).getParent());
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
