package io.sparkdistill.jobs.generate;

import io.sparkdistill.ingest.Example;
import io.sparkdistill.teacher.EncoderSession;
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
 * Runs on an executor over one partition: encodes its examples with the JVM's shared encoder, a batch at a time,
 * lazily, so a partition of any size needs memory for one batch only. The partition's session is closed when the
 * Spark task ends, whether it succeeds, fails or is killed.
 */
final class PartitionEncoder implements Iterator<Tuple2<Example, float[]>> {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionEncoder.class);
    private final Iterator<Example> examples;
    private final int batchSize;
    private final LongAccumulator calls;
    private final TeacherFeatures features;
    private final ArrayDeque<Tuple2<Example, float[]>> ready = new ArrayDeque<>();

    PartitionEncoder(Iterator<Example> examples, int batchSize, LongAccumulator calls) {
        this.examples = examples;
        this.batchSize = batchSize;
        this.calls = calls;
        EncoderSession session = SentenceEncoder.shared().newSession();
        TaskContext task = TaskContext.get();
        task.addTaskCompletionListener((TaskCompletionListener) context -> session.close());
        // One line per partition: an executor's log then shows how many times its JVM loaded the teacher (once).
        LOG.info("[generate] executor {} encodes partition {} (attempt {}); teacher encoder loads in this JVM: {}",
                SparkEnv.get().executorId(), task.partitionId(), task.attemptNumber(), SentenceEncoder.loadCount());
        this.features = new TeacherFeatures(session);
    }

    @Override
    public boolean hasNext() {
        if (ready.isEmpty() && examples.hasNext()) {
            encodeNextBatch();
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

    private void encodeNextBatch() {
        List<Example> batch = new ArrayList<>(batchSize);
        while (batch.size() < batchSize && examples.hasNext()) {
            batch.add(examples.next());
        }
        float[][] rows = features.of(batch);
        for (int i = 0; i < batch.size(); i++) {
            ready.add(new Tuple2<>(batch.get(i), rows[i]));
        }
        calls.add(batch.size());
    }
}
