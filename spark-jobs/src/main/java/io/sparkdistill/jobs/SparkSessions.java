package io.sparkdistill.jobs;

import io.sparkdistill.config.JobConfig;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

import java.util.Map;

/**
 * Creates the job's Spark session. Under spark-submit the master and settings come from the submit command and win;
 * run locally (bin/distill, tests) the config's {@code spark.master} is used.
 */
public final class SparkSessions {
    private SparkSessions() {
    }

    public static SparkSession create(JobConfig config) {
        SparkConf conf = new SparkConf(true);
        if (!conf.contains("spark.master")) {
            conf.setMaster(config.spark().master());
        }
        conf.setIfMissing("spark.app.name", "spark-distill " + config.name());
        conf.setIfMissing("spark.sql.shuffle.partitions", String.valueOf(config.spark().partitions()));
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        // dl4j-spark ships ND4J arrays between JVMs; Kryo needs its registrator for them.
        conf.setIfMissing("spark.kryo.registrator", "org.nd4j.kryo.Nd4jRegistrator");
        if (config.output().delta()) {
            // Delta's MERGE needs its session extension and catalog; Databricks runtimes set both already.
            conf.setIfMissing("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
            conf.setIfMissing("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
        }
        for (Map.Entry<String, String> e : config.spark().conf().entrySet()) {
            conf.set(e.getKey(), e.getValue());
        }
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
