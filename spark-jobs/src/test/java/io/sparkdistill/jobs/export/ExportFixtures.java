package io.sparkdistill.jobs.export;

import io.sparkdistill.ingest.Example;
import io.sparkdistill.ingest.Split;
import io.sparkdistill.ingest.TaskType;
import io.sparkdistill.jobs.RunLayout;
import io.sparkdistill.jobs.store.SyntheticSchema;
import io.sparkdistill.teacher.TeacherAnswer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Synthetic rows and part-file reading for the export tests. */
final class ExportFixtures {
    static final SyntheticSchema.Provenance PROVENANCE = new SyntheticSchema.Provenance("gpt-4o-mini", "openai",
            "abc123", "{}", 0.7, "run-1", Timestamp.valueOf("2026-01-01 00:00:00"));
    static final List<String> NLI_LABELS = List.of("entailment", "neutral", "contradiction");

    private ExportFixtures() {
    }

    static Example example(String id, TaskType task, Split split, Map<String, String> inputs, String gold) {
        return new Example(id, task, split, inputs, gold, "data/" + split.configName() + ".jsonl", 1);
    }

    /** A synthetic row as generate writes it for an accepted answer. */
    static Row row(Example e, String teacherLabel, String rationale, String templateVersion) {
        Row plain = SyntheticSchema.toRow(e, new TeacherAnswer(teacherLabel, new float[0], new float[0]), PROVENANCE);
        Object[] values = new Object[plain.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = plain.get(i);
        }
        values[SyntheticSchema.SCHEMA.fieldIndex("teacher_rationale")] = rationale;
        values[SyntheticSchema.SCHEMA.fieldIndex("template_version")] = templateVersion;
        return RowFactory.create(values);
    }

    /** Writes rows where generate does, partitioned by split. */
    static void writeSynthetic(SparkSession spark, RunLayout layout, List<Row> rows) {
        spark.createDataFrame(rows, SyntheticSchema.SCHEMA).write().mode(SaveMode.Overwrite)
                .partitionBy("split").parquet(layout.synthetic());
    }

    /** The part files Spark wrote in a local folder. */
    static List<Path> partFiles(String folder) {
        try (Stream<Path> files = Files.list(Path.of(folder))) {
            return files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every non-blank line of every part file of a local folder. */
    static List<String> lines(String folder) {
        List<String> lines = new ArrayList<>();
        for (Path p : partFiles(folder)) {
            try {
                Files.readAllLines(p).stream().filter(l -> !l.isBlank()).forEach(lines::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines;
    }
}
