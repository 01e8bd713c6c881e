package io.sparkdistill.jobs;

import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Spark SQL commits a write by renaming task output into place, and on S3 a rename is a copy and a delete: slow, and
 * not atomic, so a failed job commit can leave part of an output visible. For an {@code s3a://} output folder this
 * selects the S3A magic committer, as Spark's cloud-integration guide configures it: tasks upload their files as
 * pending multipart uploads and the job commit completes them, with no rename. Spark SQL reaches it through
 * {@code spark-hadoop-cloud} (its {@code PathOutputCommitProtocol}); where that is not on the classpath the settings
 * are left out and a warning says so. Settings already given (spark-submit, the job's {@code spark.conf}) win.
 */
final class S3aCommitter {
    static final String PROTOCOL = "org.apache.spark.internal.io.cloud.PathOutputCommitProtocol";
    static final Map<String, String> MAGIC = magicSettings();

    private S3aCommitter() {
    }

    /** Adds the magic committer's settings when {@code outputDir} is on s3a and Spark SQL can bind to it. */
    static void configure(SparkConf conf, String outputDir, boolean bindingOnClasspath, Consumer<String> warn) {
        if (!"s3a".equals(new Path(outputDir).toUri().getScheme())) {
            return;
        }
        if (!bindingOnClasspath) {
            warn.accept("output.dir is on s3a but spark-hadoop-cloud is not on the classpath: Spark SQL will commit by"
                    + " renaming (a copy on S3); add it (the cloud-storage profile copies it) to use the S3A magic"
                    + " committer");
            return;
        }
        MAGIC.forEach(conf::setIfMissing);
    }

    static boolean bindingOnClasspath() {
        try {
            Class.forName(PROTOCOL, false, S3aCommitter.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static Map<String, String> magicSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spark.hadoop.fs.s3a.committer.name", "magic");
        settings.put("spark.hadoop.fs.s3a.committer.magic.enabled", "true");
        settings.put("spark.hadoop.mapreduce.outputcommitter.factory.scheme.s3a",
                "org.apache.hadoop.fs.s3a.commit.S3ACommitterFactory");
        settings.put("spark.sql.sources.commitProtocolClass", PROTOCOL);
        settings.put("spark.sql.parquet.output.committer.class",
                "org.apache.spark.internal.io.cloud.BindingParquetOutputCommitter");
        return Map.copyOf(settings);
    }
}
