package io.sparkdistill.jobs.ingest;

import io.sparkdistill.ingest.Example;
import org.apache.spark.api.java.JavaRDD;

import java.util.Map;

/**
 * The validated input of a run.
 *
 * @param examples            every valid row (persisted; unpersist when done)
 * @param validBySplit        valid rows per split
 * @param quarantinedByReason quarantined rows per reason
 * @param splitOverlap        inputs found in two splits, per leaking pair ("train/test"); empty when apart
 */
public record IngestResult(JavaRDD<Example> examples, Map<String, Long> validBySplit,
                           Map<String, Long> quarantinedByReason, Map<String, Long> splitOverlap) {

    public long quarantined() {
        return quarantinedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    public long valid() {
        return validBySplit.values().stream().mapToLong(Long::longValue).sum();
    }
}
