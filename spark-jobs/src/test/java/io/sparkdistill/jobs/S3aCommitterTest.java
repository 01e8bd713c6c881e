package io.sparkdistill.jobs;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class S3aCommitterTest {
    private final List<String> warnings = new ArrayList<>();

    private SparkConf configured(String outputDir, boolean bindingOnClasspath, SparkConf conf) {
        S3aCommitter.configure(conf, outputDir, bindingOnClasspath, warnings::add);
        return conf;
    }

    @Test
    void anS3aOutputGetsTheMagicCommitterAsSparksCloudIntegrationGuideSetsIt() {
        SparkConf conf = configured("s3a://my-distill-bucket/spark-distill/runs", true, new SparkConf(false));
        assertEquals("magic", conf.get("spark.hadoop.fs.s3a.committer.name"));
        assertEquals("org.apache.spark.internal.io.cloud.PathOutputCommitProtocol",
                conf.get("spark.sql.sources.commitProtocolClass"));
        assertEquals("org.apache.spark.internal.io.cloud.BindingParquetOutputCommitter",
                conf.get("spark.sql.parquet.output.committer.class"));
        assertEquals("org.apache.hadoop.fs.s3a.commit.S3ACommitterFactory",
                conf.get("spark.hadoop.mapreduce.outputcommitter.factory.scheme.s3a"));
        assertEquals(List.of(), warnings);
    }

    @Test
    void aCommitterTheUserChoseIsKept() {
        SparkConf conf = configured("s3a://bucket/runs", true,
                new SparkConf(false).set("spark.hadoop.fs.s3a.committer.name", "directory"));
        assertEquals("directory", conf.get("spark.hadoop.fs.s3a.committer.name"));
    }

    @Test
    void storesWhoseRenameIsAtomicKeepSparksOwnCommitter() {
        for (String dir : new String[]{"runs", "/data/runs", "hdfs://nn:8020/runs", "file:///tmp/my runs",
                "abfss://c@account.dfs.core.windows.net/runs", "s3://bucket/runs-through-emrfs"}) {
            SparkConf conf = configured(dir, true, new SparkConf(false));
            assertFalse(conf.contains("spark.sql.sources.commitProtocolClass"), dir);
            assertFalse(conf.contains("spark.hadoop.fs.s3a.committer.name"), dir);
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void withoutSparkHadoopCloudAnS3aOutputIsWarnedAboutAndNotMisconfigured() {
        SparkConf conf = configured("s3a://bucket/runs", false, new SparkConf(false));
        assertFalse(conf.contains("spark.sql.sources.commitProtocolClass"),
                "a protocol class Spark cannot load would fail every write");
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("spark-hadoop-cloud"), warnings.get(0));
    }
}
