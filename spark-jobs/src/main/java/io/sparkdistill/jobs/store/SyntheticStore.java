package io.sparkdistill.jobs.store;

import io.sparkdistill.config.ConfigException;
import io.delta.tables.DeltaTable;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.RunStorage;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;

import java.util.Arrays;
import java.util.List;

/**
 * Where the teacher's accepted answers are kept: Parquet files appended to, or, with
 * {@code output.synthetic_format: delta}, a Delta Lake table (as Databricks users keep their data) that each run
 * merges its new rows into by example id, so a nightly run adds only what is new and no row is there twice. Readers
 * tell the format from the folder itself, so every stage reads either.
 */
public final class SyntheticStore {
    private final SparkSession spark;
    private final RunStorage storage;
    private final String path;
    private final boolean writeDelta;

    private SyntheticStore(SparkSession spark, String path, boolean writeDelta) {
        this.spark = spark;
        this.storage = new RunStorage(spark.sparkContext().hadoopConfiguration());
        this.path = path;
        this.writeDelta = writeDelta;
    }

    /** The run folder's synthetic data, written in the job's format. */
    public static SyntheticStore of(RunContext run) {
        return new SyntheticStore(run.spark(), run.layout().synthetic(), run.config().output().delta());
    }

    /** Synthetic data at {@code path}, to read. */
    public static SyntheticStore at(SparkSession spark, String path) {
        return new SyntheticStore(spark, path, false);
    }

    public String path() {
        return path;
    }

    private boolean isDeltaTable() {
        return storage.exists(path + "/_delta_log/00000000000000000000.json");
    }

    /** Whether a complete data set is there: a Delta table's first commit, or Spark's success marker. */
    public boolean exists() {
        return isDeltaTable() || storage.isCompleteDataset(path);
    }

    /** The rows, with every column this version writes (columns an older version did not write read as null). */
    public Dataset<Row> read() {
        if (!isDeltaTable()) {
            return SyntheticSchema.read(spark, path);
        }
        Dataset<Row> table = spark.read().format("delta").load(path);
        SyntheticSchema.check(table.schema(), path);
        List<String> columns = Arrays.asList(table.columns());
        for (StructField field : SyntheticSchema.SCHEMA.fields()) {
            if (!columns.contains(field.name())) {
                table = table.withColumn(field.name(), functions.lit(null).cast(field.dataType()));
            }
        }
        return table.select(Arrays.stream(SyntheticSchema.SCHEMA.fieldNames()).map(functions::col)
                .toArray(Column[]::new));
    }

    /** Adds rows (of {@link SyntheticSchema#SCHEMA}); in a Delta table, rows whose id is there already are skipped. */
    public void append(Dataset<Row> rows) {
        boolean delta = isDeltaTable();
        boolean parquet = !delta && storage.isCompleteDataset(path);
        if (writeDelta && parquet || !writeDelta && delta) {
            throw new ConfigException(path + " holds " + (delta ? "a Delta table" : "Parquet files")
                    + " but output.synthetic_format is " + (writeDelta ? "delta" : "parquet")
                    + ". Set output.synthetic_format to match, or output.run_name to start a new run folder.");
        }
        if (!writeDelta) {
            rows.write().mode(SaveMode.Append).partitionBy("split").parquet(path);
        } else if (!delta) {
            rows.write().format("delta").partitionBy("split").save(path);
        } else {
            DeltaTable.forPath(spark, path).as("kept")
                    .merge(rows.as("new"), "kept.id = new.id")
                    .whenNotMatched().insertAll()
                    .execute();
        }
    }
}
