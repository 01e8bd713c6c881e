package io.sparkdistill.jobs.train;

import io.sparkdistill.student.text.KeyLimits;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

import java.io.Serializable;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keys counted on the executors and cut there to the most frequent of each group ({@link KeyLimits}): each group's
 * top keys by {@code takeOrdered}, whose bounded per-partition heaps are merged so that only the kept keys ever reach
 * the driver, however many distinct words the training set holds.
 */
final class MostFrequentKeys {
    /** The kept counts, and how many distinct keys there were before the cut (for the log). */
    record Counted(Map<String, Long> kept, long distinct) {
    }

    /** {@link KeyLimits#ORDER} on Spark's pairs. */
    private static final class PairOrder implements Comparator<Tuple2<String, Long>>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public int compare(Tuple2<String, Long> a, Tuple2<String, Long> b) {
            return KeyLimits.ORDER.compare(Map.entry(a._1(), a._2()), Map.entry(b._1(), b._2()));
        }
    }

    private MostFrequentKeys() {
    }

    /** Counts the keys and keeps, per group, the most frequent; keys of no group, or of an unlimited one, all. */
    static Counted count(JavaRDD<String> keys, KeyLimits limits) {
        JavaPairRDD<String, Long> counts = keys.mapToPair(key -> new Tuple2<>(key, 1L)).reduceByKey(Long::sum);
        counts.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Map<String, Long> kept = new LinkedHashMap<>(counts.filter(e -> {
                int group = limits.group(e._1());
                return group < 0 || limits.mostFrequent(group) == Integer.MAX_VALUE;
            }).collectAsMap());
            for (int g = 0; g < limits.groups(); g++) {
                int group = g;
                int mostFrequent = limits.mostFrequent(group);
                if (mostFrequent != Integer.MAX_VALUE && mostFrequent > 0) {
                    counts.filter(e -> limits.group(e._1()) == group).takeOrdered(mostFrequent, new PairOrder())
                            .forEach(e -> kept.put(e._1(), e._2()));
                }
            }
            return new Counted(kept, counts.count());
        } finally {
            counts.unpersist(false);
        }
    }
}
