package io.sparkdistill.jobs.generate;

import io.sparkdistill.ingest.Example;
import io.sparkdistill.teacher.EncoderSession;
import io.sparkdistill.teacher.LengthBucketedEncoder;
import io.sparkdistill.teacher.SentenceEncoder;
import io.sparkdistill.teacher.TeacherFeatures;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.TaskCompletionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Runs on an executor over one partition: encodes its examples with the JVM's shared encoder, each call on the task's
 * cores, lazily, a window of {@value #WINDOW_BATCHES} batches at a time, so a partition of any size needs memory for
 * one window only. Within a window the texts go to the model sorted by length ({@link LengthBucketedEncoder}), so
 * each call pads little; the answers come out in input order. The partition's session is closed when the Spark task
 * ends, whether it succeeds, fails or is killed.
 */
final class PartitionEncoder implements Iterator<Tuple2<Example, float[]>> {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionEncoder.class);
    /**
     * Batches sorted together: enough for texts of like length to fill whole calls (the offline teacher benchmark
     * measured 16 x 32 rows), few enough that a window's rows and answers stay a few MB.
     */
    static final int WINDOW_BATCHES = 16;
    private final Iterator<Example> examples;
    private final int windowSize;
    private final LongAccumulator calls;
    private final TeacherFeatures features;
    private final ArrayDeque<Tuple2<Example, float[]>> ready = new ArrayDeque<>();

    PartitionEncoder(Iterator<Example> examples, int batchSize, LongAccumulator calls) {
        this(examples, batchSize, WINDOW_BATCHES, calls);
    }

    /** @param windowBatches batches sorted by length together; 1 keeps the input order (one call per batch) */
    PartitionEncoder(Iterator<Example> examples, int batchSize, int windowBatches, LongAccumulator calls) {
        this.examples = examples;
        this.windowSize = batchSize * windowBatches;
        this.calls = calls;
        TaskContext task = TaskContext.get();
        // Each call on the task's own cores (spark.task.cpus): the executor's other slots encode at the same time.
        EncoderSession session = SentenceEncoder.shared(task.cpus()).newSession();
        task.addTaskCompletionListener((TaskCompletionListener) context -> session.close());
        // One line per partition: an executor's log then shows how many times its JVM loaded the teacher (once).
        LOG.info("[generate] executor {} encodes partition {} (attempt {}); teacher encoder loads in this JVM: {}, "
                        + "{} thread(s) a call", SparkEnv.get().executorId(), task.partitionId(), task.attemptNumber(),
                SentenceEncoder.loadCount(), task.cpus());
        this.features = new TeacherFeatures(new LengthBucketedEncoder(session::encode, batchSize));
    }

    @Override
    public boolean hasNext() {
        if (ready.isEmpty() && examples.hasNext()) {
            encodeNextWindow();
        }
        return !ready.isEmpty();
    }

    @Override
    public Tuple2<Example, float[]> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    private void encodeNextWindow() {
        List<Example> batch = new ArrayList<>(windowSize);
        while (batch.size() < windowSize && examples.hasNext()) {
            batch.add(examples.next());
        }
        float[][] rows = features.of(batch);
        for (int i = 0; i < batch.size(); i++) {
            ready.add(new Tuple2<>(batch.get(i), rows[i]));
        }
        calls.add(batch.size());
    }
}
