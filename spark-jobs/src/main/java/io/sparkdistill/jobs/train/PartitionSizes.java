package io.sparkdistill.jobs.train;

import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

import java.util.List;

/**
 * How many elements each partition of an RDD holds, counted on the executors in one job: what parameter averaging
 * needs to deal each worker's share out to its rounds (the text students' examples, the label students' minibatches).
 */
final class PartitionSizes {
    private PartitionSizes() {
    }

    /** Element counts by partition index. */
    static int[] of(JavaRDD<?> rdd) {
        List<Tuple2<Integer, Integer>> counted = rdd.mapPartitionsWithIndex((partition, part) -> {
            int n = 0;
            for (; part.hasNext(); part.next()) {
                n++;
            }
            return List.of(new Tuple2<>(partition, n)).iterator();
        }, true).collect();
        int[] sizes = new int[rdd.getNumPartitions()];
        counted.forEach(t -> sizes[t._1()] = t._2());
        return sizes;
    }
}
