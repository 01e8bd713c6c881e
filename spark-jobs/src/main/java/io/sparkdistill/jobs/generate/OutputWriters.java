package io.sparkdistill.jobs.generate;

/**
 * How many tasks write a committed slice's outcomes. The slice's answers sit in {@code spark.partitions} partitions
 * whatever its size: a slice of a few thousand rows written as it is pays a task's fixed cost per partition for each
 * of its outputs (synthetic rows, cache, rejected, failed), all after the last answer, and leaves a small file per
 * partition and split, slice after slice (Spark reads many small files slower than few large ones). Each output is
 * written by as many tasks as its rows fill, up to the partitions the slice has.
 */
final class OutputWriters {
    /** Rows one writing task takes: a Parquet file of a few tens of megabytes of answers. */
    static final long ROWS_PER_WRITER = 50_000;

    private OutputWriters() {
    }

    /** Tasks to write {@code rows} rows held in {@code partitions} partitions: at least one, at most one each. */
    static int forRows(long rows, int partitions) {
        long wanted = Math.max(1, (rows + ROWS_PER_WRITER - 1) / ROWS_PER_WRITER);
        return (int) Math.min(partitions, wanted);
    }
}
