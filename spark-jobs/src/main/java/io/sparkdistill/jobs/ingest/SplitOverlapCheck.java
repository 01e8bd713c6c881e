package io.sparkdistill.jobs.ingest;

import io.sparkdistill.config.DataConfig;
import io.sparkdistill.ingest.Example;
import io.sparkdistill.ingest.SplitOverlap;
import io.sparkdistill.jobs.InputException;
import org.apache.spark.api.java.JavaRDD;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds the inputs that are in two splits ({@link SplitOverlap} says which pairs leak), warns naming the first few
 * rows, and stops the run before any teacher call when {@code data.fail_on_split_overlap} is set. The inputs are
 * compared on the executors, keyed by a hash of their fields; only the counts and three examples reach the driver.
 */
final class SplitOverlapCheck {
    private static final Logger LOG = LoggerFactory.getLogger(SplitOverlapCheck.class);
    private static final int EXAMPLES = 3;

    private SplitOverlapCheck() {
    }

    /** The number of shared inputs per leaking pair of splits ("train/test"); empty when the splits are apart. */
    static Map<String, Long> run(JavaRDD<Example> examples, DataConfig data) {
        JavaRDD<SplitOverlap.Sighting> shared = examples
                .mapToPair(e -> new Tuple2<>(SplitOverlap.inputKey(e), SplitOverlap.Sighting.of(e)))
                .reduceByKey(SplitOverlap.Sighting::merge)
                .values()
                .filter(s -> !s.leakingPairs().isEmpty());
        Map<String, Long> byPair = new TreeMap<>(shared.flatMap(s -> s.leakingPairs().iterator()).countByValue());
        if (byPair.isEmpty()) {
            return byPair;
        }
        List<String> rows = shared.take(EXAMPLES).stream().map(SplitOverlap.Sighting::describe).toList();
        String message = "the same input is in two splits: " + SplitOverlap.describe(byPair) + "; for example "
                + String.join(", ", rows) + ". Scores on those held-out rows measure memory, not generalisation: "
                + "remove them from one split";
        if (data.failOnSplitOverlap()) {
            throw new InputException(message + " (data.fail_on_split_overlap is true)");
        }
        LOG.warn("[ingest] {}, or set data.fail_on_split_overlap: true to stop on this", message);
        return byPair;
    }
}
