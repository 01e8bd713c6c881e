package io.sparkdistill.jobs.ingest;

import io.sparkdistill.config.DataConfig;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.ingest.Example;
import io.sparkdistill.ingest.ExampleParser;
import io.sparkdistill.ingest.JsonLine;
import io.sparkdistill.ingest.ParsedRow;
import io.sparkdistill.ingest.QuarantinedRow;
import io.sparkdistill.ingest.Split;
import io.sparkdistill.jobs.InputException;
import io.sparkdistill.jobs.RunStorage;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
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

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the job's splits (JSON Lines or Parquet, any Hadoop file system), validates every row on the executors and
 * writes the rows that fail to {@code quarantine/}. Missing or empty inputs, a split without a row, a Parquet file
 * without the task's columns, and a file with more bad rows than the configured share stop the run before any
 * teacher call; inputs found in two splits are reported (or stop it, when the config says so).
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
        Map<Split, List<String>> filesBySplit = new LinkedHashMap<>();
        for (Map.Entry<Split, String> split : splits(config.data()).entrySet()) {
            List<String> files = InputFiles.of(sc.hadoopConfiguration(), split.getKey(), split.getValue());
            filesBySplit.put(split.getKey(), files);
            LOG.info("[ingest] data.{}: {} file(s) under {}", split.getKey().configName(), files.size(),
                    split.getValue());
            for (String file : files) {
                parts.add(file.endsWith(".parquet") ? parquetRows(file, split.getKey()) : jsonLines(sc, file, split.getKey()));
            }
        }
        JavaRDD<ParsedRow> parsed = sc.union(parts.toArray(JavaRDD[]::new));
        parsed.persist(StorageLevel.MEMORY_AND_DISK());

        // Every count in one pass: rows per file, valid or not, valid rows per split and bad ones per reason.
        Map<RowKind, Long> kinds = parsed.mapToPair(r -> new Tuple2<>(RowKind.of(r), 1L))
                .reduceByKey(Long::sum).collectAsMap();
        Map<Tuple2<String, Boolean>, Long> counts = new HashMap<>();
        Map<String, Long> byReason = new TreeMap<>();
        Map<String, Long> bySplit = new TreeMap<>();
        kinds.forEach((kind, n) -> {
            counts.merge(new Tuple2<>(kind.file(), kind.reason() == null), n, Long::sum);
            if (kind.reason() == null) {
                bySplit.merge(kind.split(), n, Long::sum);
            } else {
                byReason.merge(kind.reason(), n, Long::sum);
            }
        });
        checkEverySplitHasRows(counts, filesBySplit);
        JavaRDD<QuarantinedRow> rejected = parsed
                .filter(r -> r instanceof ParsedRow.Rejected)
                .map(r -> ((ParsedRow.Rejected) r).row());
        writeQuarantine(rejected, quarantinePath, byReason.isEmpty());
        checkBadShare(counts, rejected, quarantinePath);

        // First computed by the overlap check below, while the parsed rows are still persisted: the input is read once.
        JavaRDD<Example> examples = parsed.filter(r -> r instanceof ParsedRow.Valid)
                .map(r -> ((ParsedRow.Valid) r).example());
        examples.persist(StorageLevel.MEMORY_AND_DISK());
        Map<String, Long> overlap = SplitOverlapCheck.run(examples, config.data());
        parsed.unpersist(false);
        LOG.info("[ingest] {} valid rows {}, {} quarantined {}, inputs in two splits {}",
                bySplit.values().stream().mapToLong(l -> l).sum(), bySplit,
                byReason.values().stream().mapToLong(l -> l).sum(), byReason, overlap);
        return new IngestResult(examples, bySplit, byReason, overlap);
    }

    /** The path of every split the config names, in split order. */
    static Map<Split, String> splits(DataConfig data) {
        Map<Split, String> splits = new LinkedHashMap<>();
        splits.put(Split.TRAIN, data.train());
        if (data.validation() != null && !data.validation().isBlank()) {
            splits.put(Split.VALIDATION, data.validation());
        }
        splits.put(Split.TEST, data.test());
        if (data.transfer() != null && !data.transfer().isBlank()) {
            splits.put(Split.TRANSFER, data.transfer());
        }
        return splits;
    }

    /**
     * A line is what ends at LF alone (Hadoop's default reader also ends lines at a bare CR, which shifts every later
     * line number when a text holds one), and its bytes reach the parser undecoded, so that bad UTF-8 is found rather
     * than replaced. Hadoop's reader still splits a large file between tasks; each line is read by one of them.
     */
    private JavaRDD<ParsedRow> jsonLines(JavaSparkContext sc, String file, Split split) {
        Configuration lines = new Configuration(sc.hadoopConfiguration());
        lines.set("textinputformat.record.delimiter", "\n");
        ExampleParser p = parser;
        return sc.newAPIHadoopFile(file, TextInputFormat.class, LongWritable.class, Text.class, lines)
                .map(t -> t._2().copyBytes())
                .zipWithIndex()
                .filter(t -> !JsonLine.isBlank(t._1()))
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
            new RunStorage(spark.sparkContext().hadoopConfiguration()).delete(path);
            return;
        }
        JavaRDD<Row> rows = rejected.map(r -> RowFactory.create(r.sourceFile(), r.sourceLine(),
                r.split().configName(), r.reason().name().toLowerCase(), r.field(), r.message(), r.raw()));
        spark.createDataFrame(rows, QUARANTINE_SCHEMA).coalesce(1).write().mode(SaveMode.Overwrite).parquet(path);
    }

    /**
     * A split of blank lines alone has no example: stopping here, before any teacher call, spares paying for the
     * other splits of a run that cannot be evaluated or trained.
     */
    private void checkEverySplitHasRows(Map<Tuple2<String, Boolean>, Long> counts,
                                        Map<Split, List<String>> filesBySplit) {
        Set<String> filesWithRows = new HashSet<>();
        counts.keySet().forEach(key -> filesWithRows.add(key._1()));
        filesBySplit.forEach((split, files) -> {
            if (files.stream().noneMatch(filesWithRows::contains)) {
                throw new InputException("data." + split.configName() + ": " + (files.size() == 1 ? "'" + files.get(0)
                        + "' holds" : "its " + files.size() + " files hold") + " no rows (only blank lines, or an "
                        + "empty table); a split needs at least one row");
            }
        });
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

    /** What the counts tell rows apart by: file, split, and the reason a bad row was set aside (null: valid). */
    private record RowKind(String file, String split, String reason) implements Serializable {
        static RowKind of(ParsedRow row) {
            if (row instanceof ParsedRow.Valid v) {
                return new RowKind(v.example().sourceFile(), v.example().split().configName(), null);
            }
            QuarantinedRow bad = ((ParsedRow.Rejected) row).row();
            return new RowKind(bad.sourceFile(), bad.split().configName(), bad.reason().name().toLowerCase());
        }
    }
}
