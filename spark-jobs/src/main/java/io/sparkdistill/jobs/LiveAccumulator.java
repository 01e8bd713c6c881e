package io.sparkdistill.jobs;

import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple4;
import scala.collection.JavaConverters;

import java.util.HashMap;
import java.util.Map;

/**
 * A long accumulator's value as it grows, while tasks still run. The driver's own copy takes a task's additions only
 * when the task ends, so a partition that answers for fifteen minutes shows nothing for fifteen minutes. The
 * executors' heartbeats ({@code spark.executor.heartbeatInterval}, 10 s by default) carry each running task's
 * additions so far; this listener keeps the latest per running task, and takes a task's final additions from its
 * end event (Spark's own count of them, so a failed attempt's rows drop out as they do from the accumulator). Both
 * come through the listener bus in order, so no task is counted twice or not at all.
 */
public final class LiveAccumulator extends SparkListener implements AutoCloseable {
    private final SparkContext sc;
    private final long id;
    private final long base;
    private final Map<Long, Long> running = new HashMap<>();
    private long ended;

    private LiveAccumulator(SparkContext sc, LongAccumulator accumulator) {
        if (accumulator.name().isEmpty()) {
            // Spark reports only named accumulators in a task's end event.
            throw new IllegalArgumentException("a live accumulator needs a named accumulator (sc.longAccumulator(name))");
        }
        this.sc = sc;
        this.id = accumulator.id();
        this.base = accumulator.value();
    }

    /** Starts following {@code accumulator} from its value now; {@link #close} stops it. */
    public static LiveAccumulator follow(SparkContext sc, LongAccumulator accumulator) {
        LiveAccumulator live = new LiveAccumulator(sc, accumulator);
        sc.addSparkListener(live);
        return live;
    }

    /** The accumulator's value with what running tasks reported in their latest heartbeat. */
    public synchronized long value() {
        long sum = base + ended;
        for (long partial : running.values()) {
            sum += partial;
        }
        return sum;
    }

    @Override
    public synchronized void onTaskStart(SparkListenerTaskStart start) {
        running.put(start.taskInfo().taskId(), 0L);
    }

    @Override
    public synchronized void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
        for (Tuple4<Object, Object, Object, scala.collection.Seq<AccumulableInfo>> task
                : JavaConverters.seqAsJavaList(update.accumUpdates())) {
            long taskId = (Long) task._1();
            // A heartbeat sent before a task ended can arrive after its end event: only running tasks are taken.
            if (running.containsKey(taskId)) {
                additions(task._4()).ifPresent(n -> running.put(taskId, n));
            }
        }
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
        running.remove(end.taskInfo().taskId());
        additions(end.taskInfo().accumulables()).ifPresent(n -> ended += n);
    }

    private java.util.OptionalLong additions(scala.collection.Seq<AccumulableInfo> infos) {
        for (AccumulableInfo info : JavaConverters.seqAsJavaList(infos)) {
            if (info.id() == id && info.update().isDefined()) {
                return java.util.OptionalLong.of(((Number) info.update().get()).longValue());
            }
        }
        return java.util.OptionalLong.empty();
    }

    @Override
    public void close() {
        sc.removeSparkListener(this);
    }
}
