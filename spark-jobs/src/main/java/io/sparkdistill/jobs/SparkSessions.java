package io.sparkdistill.jobs;

import io.sparkdistill.config.JobConfig;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

import java.util.Map;

/**
 * Creates the job's Spark session. Under spark-submit the master and settings come from the submit command and win;
 * run locally (bin/distill, tests) the config's {@code spark.master} is used. The config's {@code spark.conf} fills
 * in every key the submit command did not set; its {@code spark.hadoop.*} keys reach the Hadoop configuration, as
 * Spark's own do, which is how object-store settings ({@code spark.hadoop.fs.s3a.endpoint}, ...) travel.
 */
public final class SparkSessions {
    private static final String HADOOP_PREFIX = "spark.hadoop.";

    private static final String EXECUTOR_JAVA_OPTIONS = "spark.executor.extraJavaOptions";
    /** 60 s: Aeron's publication unblock timeout must exceed its client liveness timeout (10 s by default). */
    public static final String AERON_UNBLOCK_TIMEOUT_NS = "60000000000";
    /**
     * Task results up to this size reach the driver with the task's status, not through the block manager:
     * {@value} (Spark sends at most {@code spark.rpc.message.maxSize}, 128 MB by default, this way).
     */
    public static final String DIRECT_RESULT_BYTES = "64m";

    private SparkSessions() {
    }

    public static SparkSession create(JobConfig config) {
        SparkSession session = SparkSession.builder().config(conf(config)).getOrCreate();
        addHadoopSettings(config, session.sparkContext());
        return session;
    }

    /**
     * The settings a new session is built with: spark-submit's (system properties) first, then the YAML's
     * {@code spark.conf}, then this project's defaults for what neither set.
     */
    static SparkConf conf(JobConfig config) {
        SparkConf conf = new SparkConf(true);
        if (!conf.contains("spark.master")) {
            conf.setMaster(config.spark().master());
        }
        for (Map.Entry<String, String> e : config.spark().conf().entrySet()) {
            conf.setIfMissing(e.getKey(), e.getValue());
        }
        conf.setIfMissing("spark.app.name", "spark-distill " + config.name());
        conf.setIfMissing("spark.sql.shuffle.partitions", String.valueOf(config.spark().partitions()));
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        // A task here is seconds of teacher inference or training on a partition of a few megabytes: fetching a
        // cached partition from another executor costs milliseconds, while Spark's default 3 s wait for the executor
        // that holds it leaves the other cores idle (one executor encoded every partition on a two-worker cluster).
        conf.setIfMissing("spark.locality.wait", "0s");
        // FAIR pools share the task slots: the automatic recipe trains a rung's candidates as concurrent jobs, each in
        // its own pool, and an API generate run writes one slice while the next one's requests go on. Jobs outside any
        // pool share the default one in submission order, as under FIFO.
        conf.setIfMissing("spark.scheduler.mode", "FAIR");
        // Every parameter-averaging round returns each worker's parameters and Adam's moments (4.9 MB for the
        // real-data cnn, 12.6 MB for the default fastText). Above Spark's 1 MB a result is stored in the executor's
        // block manager and fetched from there; sent with the task's status, the cnn and fastText students trained
        // 8-12% more examples per second over five alternating pairs (BENCHMARKS.md, "Task results sent directly").
        conf.setIfMissing("spark.task.maxDirectResultSize", DIRECT_RESULT_BYTES);
        // Local folders (a laptop's run, the sample data) without a chmod process for every file Hadoop writes.
        conf.setIfMissing(HADOOP_PREFIX + NioLocalFileSystem.KEY, NioLocalFileSystem.class.getName());
        // dl4j-spark ships ND4J arrays between JVMs; Kryo with the job's registrator carries them and the records.
        conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        conf.setIfMissing("spark.kryo.registrator", SparkDistillKryoRegistrator.class.getName());
        if (config.output().delta()) {
            // Delta's MERGE needs its session extension and catalog; Databricks runtimes set both already.
            conf.setIfMissing("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
            conf.setIfMissing("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
        }
        S3aCommitter.configure(conf, config.output().dir(), S3aCommitter.bindingOnClasspath(),
                warning -> System.err.println("warning: " + warning));
        if (config.training().gradientSharing()) {
            conf.set(EXECUTOR_JAVA_OPTIONS, withAeronSettings(conf.get(EXECUTOR_JAVA_OPTIONS, "")));
        }
        return conf;
    }

    /**
     * Gradient sharing runs an Aeron media driver in every executor. Two executors on one host must not share its
     * folder (the second fails with "active driver detected"), so each gets its own; and Aeron refuses to start
     * unless its publication unblock timeout exceeds its client liveness timeout, which its defaults do not.
     * Settings the user gave are kept.
     */
    static String withAeronSettings(String javaOptions) {
        StringBuilder options = new StringBuilder(javaOptions.strip());
        if (!javaOptions.contains("-Daeron.dir=")) {
            options.append(" -Daeron.dir=/dev/shm/aeron-{{APP_ID}}-{{EXECUTOR_ID}}");
        }
        if (!javaOptions.contains("-Daeron.publication.unblock.timeout=")) {
            options.append(" -Daeron.publication.unblock.timeout=").append(AERON_UNBLOCK_TIMEOUT_NS);
        }
        return options.toString().strip();
    }

    /**
     * A context that was already running (Databricks' own, a notebook's, the tests' shared one) built its Hadoop
     * configuration before this config was read, and getOrCreate ignores new {@code spark.hadoop.*} keys. Copies in
     * those its own settings lack; a key the running context was started with keeps its value.
     */
    static void addHadoopSettings(JobConfig config, SparkContext context) {
        Configuration hadoop = context.hadoopConfiguration();
        for (Map.Entry<String, String> e : config.spark().conf().entrySet()) {
            if (e.getKey().startsWith(HADOOP_PREFIX) && !context.getConf().contains(e.getKey())) {
                hadoop.set(e.getKey().substring(HADOOP_PREFIX.length()), e.getValue());
            }
        }
    }
}
