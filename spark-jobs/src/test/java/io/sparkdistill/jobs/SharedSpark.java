package io.sparkdistill.jobs;

import org.apache.spark.sql.SparkSession;

/** One local Spark session for every test class of the module, as Spark's own Java suites do. */
public final class SharedSpark {
    private static SparkSession session;

    private SharedSpark() {
    }

    public static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("spark-distill tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.hadoop.hadoop.tmp.dir", System.getProperty("java.io.tmpdir"))
                    // As SparkSessions sets it for the project's own runs.
                    .config("spark.hadoop." + NioLocalFileSystem.KEY, NioLocalFileSystem.class.getName())
                    // Running tasks report their accumulators (and so the progress lines move) every second.
                    .config("spark.executor.heartbeatInterval", "1s")
                    // For the tests that keep synthetic data as a Delta table (output.synthetic_format: delta).
                    .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                    .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                    .getOrCreate();
        }
        return session;
    }
}
