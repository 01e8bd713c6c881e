package io.sparkdistill.jobs.ingest;

import io.sparkdistill.config.JobConfig;
import io.sparkdistill.ingest.Example;
import io.sparkdistill.ingest.ExampleParser;
import io.sparkdistill.ingest.ParsedRow;
import io.sparkdistill.ingest.QuarantinedRow;
import io.sparkdistill.ingest.Split;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the job's splits (JSON Lines or Parquet, any Hadoop file system), validates every row on the executors and
 * writes the rows that fail to {@code quarantine/}. Missing or empty inputs, a Parquet file without the task's
 * columns, and a file with more bad rows than the configured share stop the run before any teacher call.
 */
public final class InputReader {
    private static final Logger LOG = LoggerFactory.getLogger(InputReader.class);
    static final StructType QUARANTINE_SCHEMA = new StructType()
            .add("source_file", DataTypes.StringType, false)
            .add("source_line", DataTypes.LongType, false)
            .add("split", DataTypes.StringType, false)
            .add("reason", DataTypes.StringType, false)
            .add("field", DataTypes.StringType, true)
            .add("message", DataTypes.StringType, false)
            .add("raw", DataTypes.StringType, true);

    private final SparkSession spark;
    private final JobConfig config;
    private final ExampleParser parser;

    public InputReader(SparkSession spark, JobConfig config) {
        this.spark = spark;
        this.config = config;
        this.parser = new ExampleParser(config.task(), config.labels());
    }

    /** Validates every split, writes the quarantine to {@code quarantinePath}, and returns the valid examples. */
    public IngestResult read(String quarantinePath) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<JavaRDD<ParsedRow>> parts = new ArrayList<>();
        for (Map.Entry<Split, String> split : splits().entrySet()) {
            for (String file : files(split.getKey(), split.getValue())) {
                parts.add(file.endsWith(".parquet") ? parquetRows(file, split.getKey()) : jsonLines(sc, file, split.getKey()));
            }
        }
        JavaRDD<ParsedRow> parsed = sc.union(parts.toArray(JavaRDD[]::new));
        parsed.persist(StorageLevel.MEMORY_AND_DISK());

        Map<Tuple2<String, Boolean>, Long> counts = parsed
                .mapToPair(r -> new Tuple2<>(new Tuple2<>(fileOf(r), r instanceof ParsedRow.Valid), 1L))
                .reduceByKey(Long::sum).collectAsMap();
        JavaRDD<QuarantinedRow> rejected = parsed
                .filter(r -> r instanceof ParsedRow.Rejected)
                .map(r -> ((ParsedRow.Rejected) r).row());
        Map<String, Long> byReason = new TreeMap<>(rejected.map(r -> r.reason().name().toLowerCase())
                .countByValue());
        writeQuarantine(rejected, quarantinePath, byReason.isEmpty());
        checkBadShare(counts, rejected, quarantinePath);

        JavaRDD<Example> examples = parsed.filter(r -> r instanceof ParsedRow.Valid)
                .map(r -> ((ParsedRow.Valid) r).example());
        examples.persist(StorageLevel.MEMORY_AND_DISK());
        Map<String, Long> bySplit = new TreeMap<>(examples.map(e -> e.split().configName()).countByValue());
        parsed.unpersist(false);
        LOG.info("[ingest] {} valid rows {}, {} quarantined {}", bySplit.values().stream().mapToLong(l -> l).sum(),
                bySplit, byReason.values().stream().mapToLong(l -> l).sum(), byReason);
        return new IngestResult(examples, bySplit, byReason);
    }

    private Map<Split, String> splits() {
        Map<Split, String> splits = new LinkedHashMap<>();
        splits.put(Split.TRAIN, config.data().train());
        if (config.data().validation() != null && !config.data().validation().isBlank()) {
            splits.put(Split.VALIDATION, config.data().validation());
        }
        splits.put(Split.TEST, config.data().test());
        if (config.data().transfer() != null && !config.data().transfer().isBlank()) {
            splits.put(Split.TRANSFER, config.data().transfer());
        }
        return splits;
    }

    /** The data files a split's path names: a file, a folder of part files, or a glob. */
    private List<String> files(Split split, String path) {
        String key = "data." + split.configName();
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            FileStatus[] matches = fs.globStatus(p);
            if (matches == null || matches.length == 0) {
                throw new InputException(key + ": no file at '" + path + "'; check the path in the config");
            }
            List<String> files = new ArrayList<>();
            for (FileStatus match : matches) {
                FileStatus[] inside = match.isDirectory() ? fs.listStatus(match.getPath()) : new FileStatus[]{match};
                Arrays.stream(inside)
                        .filter(s -> s.isFile() && !s.getPath().getName().startsWith("_")
                                && !s.getPath().getName().startsWith("."))
                        .forEach(s -> {
                            if (s.getLen() == 0) {
                                throw new InputException(key + ": '" + s.getPath() + "' is empty; a split needs at "
                                        + "least one row");
                            }
                            files.add(s.getPath().toString());
                        });
            }
            if (files.isEmpty()) {
                throw new InputException(key + ": '" + path + "' holds no data files");
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(key + ": cannot list '" + path + "'", e);
        }
    }

    private JavaRDD<ParsedRow> jsonLines(JavaSparkContext sc, String file, Split split) {
        ExampleParser p = parser;
        return sc.textFile(file).zipWithIndex()
                .filter(t -> !t._1().isBlank())
                .map(t -> p.parseJsonLine(t._1(), split, file, t._2() + 1));
    }

    private JavaRDD<ParsedRow> parquetRows(String file, Split split) {
        Dataset<Row> rows = spark.read().parquet(file);
        List<String> columns = Arrays.asList(rows.columns());
        for (String field : parser.requiredFields(split)) {
            if (!columns.contains(field)) {
                throw new InputException("data." + split.configName() + ": '" + file + "' has no column '" + field
                        + "'; a " + config.task().configName() + " file needs columns "
                        + parser.requiredFields(split) + ", found " + columns);
            }
        }
        ExampleParser p = parser;
        List<String> fields = parser.requiredFields(split);
        return rows.select(fields.stream().map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new))
                .javaRDD().zipWithIndex()
                .map(t -> {
                    Map<String, Object> values = new HashMap<>();
                    for (int i = 0; i < fields.size(); i++) {
                        values.put(fields.get(i), t._1().get(i));
                    }
                    return p.parseValues(values, split, file, t._2() + 1);
                });
    }

    private void writeQuarantine(JavaRDD<QuarantinedRow> rejected, String path, boolean none) {
        if (none) {
            // A clean input leaves no quarantine from an earlier run behind to mislead a reader.
            new io.sparkdistill.jobs.RunStorage(spark.sparkContext().hadoopConfiguration()).delete(path);
            return;
        }
        JavaRDD<Row> rows = rejected.map(r -> RowFactory.create(r.sourceFile(), r.sourceLine(),
                r.split().configName(), r.reason().name().toLowerCase(), r.field(), r.message(), r.raw()));
        spark.createDataFrame(rows, QUARANTINE_SCHEMA).coalesce(1).write().mode(SaveMode.Overwrite).parquet(path);
    }

    private void checkBadShare(Map<Tuple2<String, Boolean>, Long> counts, JavaRDD<QuarantinedRow> rejected,
                               String quarantinePath) {
        Map<String, long[]> perFile = new TreeMap<>();
        counts.forEach((key, n) -> perFile.computeIfAbsent(key._1(), f -> new long[2])[key._2() ? 0 : 1] += n);
        double limit = config.data().maxBadRowShare();
        for (Map.Entry<String, long[]> e : perFile.entrySet()) {
            long good = e.getValue()[0];
            long bad = e.getValue()[1];
            double share = (double) bad / (good + bad);
            if (good == 0 || share > limit) {
                String file = e.getKey();
                List<String> examples = rejected.filter(r -> r.sourceFile().equals(file)).take(3).stream()
                        .map(QuarantinedRow::describe).toList();
                throw new InputException(String.format(
                        "%s: %d of %d rows (%.1f%%) are invalid, above data.max_bad_row_share %.1f%%. First problems:"
                                + "%n  %s%nAll of them are in %s. Fix the file, or raise data.max_bad_row_share.",
                        file, bad, good + bad, 100 * share, 100 * limit, String.join("\n  ", examples),
                        quarantinePath));
            }
        }
    }

    private static String fileOf(ParsedRow row) {
        return row instanceof ParsedRow.Valid v ? v.example().sourceFile() : ((ParsedRow.Rejected) row).row().sourceFile();
    }
}
