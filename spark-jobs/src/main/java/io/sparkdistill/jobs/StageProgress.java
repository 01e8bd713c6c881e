package io.sparkdistill.jobs;

import org.apache.spark.SparkStageInfo;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Prints a progress line for a long stage at a fixed interval on the driver: Spark tasks done / total, the rows
 * counted so far by the stage's accumulator, their rate, and the time left at that rate.
 */
public final class StageProgress implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StageProgress.class);

    private final String stage;
    private final JavaSparkContext sc;
    private final LongAccumulator rows;
    private final long totalRows;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService timer;
    private final Supplier<String> extra;

    private StageProgress(String stage, JavaSparkContext sc, LongAccumulator rows, long totalRows, long seconds,
                          Supplier<String> extra) {
        this.stage = stage;
        this.extra = extra;
        this.sc = sc;
        this.rows = rows;
        this.totalRows = totalRows;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress-" + stage);
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::report, seconds, seconds, TimeUnit.SECONDS);
    }

    /** Starts reporting every {@code seconds}; {@code rows} counts finished rows and {@code totalRows} is the goal. */
    public static StageProgress start(String stage, JavaSparkContext sc, LongAccumulator rows, long totalRows,
                                      long seconds) {
        return new StageProgress(stage, sc, rows, totalRows, seconds, () -> "");
    }

    /** As {@link #start(String, JavaSparkContext, LongAccumulator, long, long)}, with the stage's own figures
     * ({@code extra}, say tokens and errors so far) added to every line. */
    public static StageProgress start(String stage, JavaSparkContext sc, LongAccumulator rows, long totalRows,
                                      long seconds, Supplier<String> extra) {
        return new StageProgress(stage, sc, rows, totalRows, seconds, () -> ", " + extra.get());
    }

    private void report() {
        int done = 0;
        int total = 0;
        for (int id : sc.statusTracker().getActiveStageIds()) {
            SparkStageInfo info = sc.statusTracker().getStageInfo(id);
            if (info != null) {
                done += info.numCompletedTasks();
                total += info.numTasks();
            }
        }
        LOG.info(line(done, total));
    }

    private String line(int tasksDone, int tasksTotal) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long count = rows.value();
        double rate = count / Math.max(seconds, 1e-9);
        String eta = rate > 0 && totalRows > count
                ? String.format(", about %.0f s left", (totalRows - count) / rate) : "";
        return String.format("[%s] %d/%d rows, %.1f rows/s%s, tasks %d/%d, %.0f s elapsed%s",
                stage, count, totalRows, rate, extra.get(), tasksDone, tasksTotal, seconds, eta);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        LOG.info(String.format("[%s] finished: %d rows in %.1f s (%.1f rows/s)%s",
                stage, rows.value(), seconds, rows.value() / Math.max(seconds, 1e-9), extra.get()));
    }
}
