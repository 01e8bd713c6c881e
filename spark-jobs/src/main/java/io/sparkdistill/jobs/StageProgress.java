package io.sparkdistill.jobs;

import org.apache.spark.SparkStageInfo;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Prints a progress line for a long stage on the driver: Spark tasks done / total, the rows counted so far by the
 * stage's accumulator, their rate, and the time left at that rate. Rows are counted as the running tasks report them
 * ({@link LiveAccumulator}), not as partitions finish, so the rate is true from the first line however long a
 * partition runs. A line comes once per {@code spark.executor.heartbeatInterval} (10 s by default): more often, it
 * would repeat the executors' last report.
 */
public final class StageProgress implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StageProgress.class);

    private final String stage;
    private final JavaSparkContext sc;
    private final LongAccumulator rows;
    private final LiveAccumulator liveRows;
    private final List<LongAccumulator> figures;
    private final List<LiveAccumulator> liveFigures = new ArrayList<>();
    private final long totalRows;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService timer;

    private StageProgress(String stage, JavaSparkContext sc, LongAccumulator rows, long totalRows,
                          List<LongAccumulator> figures) {
        this.stage = stage;
        this.sc = sc;
        this.rows = rows;
        this.totalRows = totalRows;
        this.figures = figures;
        this.liveRows = LiveAccumulator.follow(sc.sc(), rows);
        figures.forEach(f -> liveFigures.add(LiveAccumulator.follow(sc.sc(), f)));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress-" + stage);
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(1000, sc.getConf().getTimeAsMs("spark.executor.heartbeatInterval", "10s"));
        timer.scheduleAtFixedRate(this::report, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts reporting; {@code rows} counts answered rows and {@code totalRows} is the goal. Each of {@code figures}
     * (named accumulators, say tokens and errors so far) is added to every line after its name.
     */
    public static StageProgress start(String stage, JavaSparkContext sc, LongAccumulator rows, long totalRows,
                                      LongAccumulator... figures) {
        return new StageProgress(stage, sc, rows, totalRows, List.of(figures));
    }

    /** The rows answered so far, running tasks included: what the next line will say. */
    public long rowsSoFar() {
        return liveRows.value();
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
        List<Long> values = liveFigures.stream().map(LiveAccumulator::value).toList();
        LOG.info(line(liveRows.value(), values, done, total));
    }

    private String line(long count, List<Long> values, int tasksDone, int tasksTotal) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double rate = count / Math.max(seconds, 1e-9);
        String eta = rate > 0 && totalRows > count
                ? String.format(Locale.ROOT, ", about %.0f s left", (totalRows - count) / rate) : "";
        return String.format(Locale.ROOT, "[%s] %d/%d rows, %.1f rows/s%s, tasks %d/%d, %.0f s elapsed%s",
                stage, count, totalRows, rate, describe(values), tasksDone, tasksTotal, seconds, eta);
    }

    private String describe(List<Long> values) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < figures.size(); i++) {
            text.append(String.format(Locale.ROOT, ", %,d %s", values.get(i), figures.get(i).name().get()));
        }
        return text.toString();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        liveRows.close();
        liveFigures.forEach(LiveAccumulator::close);
        // The accumulators themselves: every task has ended, and the driver's copies are exact.
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        List<Long> values = figures.stream().map(LongAccumulator::value).toList();
        LOG.info(String.format(Locale.ROOT, "[%s] finished: %d rows in %.1f s (%.1f rows/s)%s",
                stage, rows.value(), seconds, rows.value() / Math.max(seconds, 1e-9), describe(values)));
    }
}
