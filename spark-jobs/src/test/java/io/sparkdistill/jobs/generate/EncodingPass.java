package io.sparkdistill.jobs.generate;

import io.sparkdistill.ingest.Example;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

import java.util.List;

/**
 * The generate stage's encoding pass on its own (the executors' {@link PartitionEncoder} over a partitioned RDD,
 * without ingest, the head fit or the Parquet writes), opened to tests and benchmarks outside this package.
 */
public final class EncodingPass {
    private EncodingPass() {
    }

    /** Encodes every example in {@code partitions} Spark tasks and returns the examples with their features. */
    public static List<Tuple2<Example, float[]>> collect(SparkSession spark, List<Example> examples, int partitions,
                                                        int batchSize, int windowBatches) {
        return featured(spark, examples, partitions, batchSize, windowBatches).collect();
    }

    /** Encodes every example in {@code partitions} Spark tasks and says how many came out. */
    public static long count(SparkSession spark, List<Example> examples, int partitions, int batchSize,
                             int windowBatches) {
        return featured(spark, examples, partitions, batchSize, windowBatches).count();
    }

    private static JavaRDD<Tuple2<Example, float[]>> featured(SparkSession spark, List<Example> examples,
                                                             int partitions, int batchSize, int windowBatches) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        LongAccumulator calls = sc.sc().longAccumulator("teacher calls");
        return sc.parallelize(examples, partitions)
                .mapPartitions(part -> new PartitionEncoder(part, batchSize, windowBatches, calls));
    }
}
