package io.sparkdistill.jobs;

import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.ConfigOverrides;
import io.sparkdistill.config.JobConfig;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SparkSessionsTest {
    private static final String JOB = """
            name: storage
            task: classification
            labels: [a, b]
            data: {train: t.jsonl, test: t.jsonl}
            spark:
              conf:
                spark.hadoop.fs.s3a.endpoint: http://127.0.0.1:9000
                spark.hadoop.fs.s3a.path.style.access: true
                spark.executor.memory: 6g
                spark.locality.wait: 3s
            """;

    @Test
    void aSparkHadoopKeyOfTheYamlReachesTheHadoopConfigurationOfANewContext() {
        SparkConf conf = SparkSessions.conf(ConfigLoader.parse(JOB, "job.yaml"));
        // SparkHadoopUtil.newConfiguration is what SparkContext builds hadoopConfiguration() with; a second
        // SparkContext cannot be started next to the tests' shared one.
        Configuration hadoop = SparkHadoopUtil.get().newConfiguration(conf);
        assertEquals("http://127.0.0.1:9000", hadoop.get("fs.s3a.endpoint"));
        assertEquals("true", hadoop.get("fs.s3a.path.style.access"));
        assertEquals("6g", conf.get("spark.executor.memory"));
    }

    @Test
    void theYamlsSparkConfWinsOverTheProjectsDefaultsWhichFillTheRest() {
        SparkConf conf = SparkSessions.conf(ConfigLoader.parse(JOB, "job.yaml"));
        assertEquals("3s", conf.get("spark.locality.wait"), "the YAML's value, not the project's 0s");
        String bare = JOB.substring(0, JOB.indexOf("spark:"));
        assertEquals("0s", SparkSessions.conf(ConfigLoader.parse(bare, "job.yaml")).get("spark.locality.wait"),
                "without a setting, tasks do not wait for the executor that caches their partition");
    }

    @Test
    void trainingRoundResultsOfMegabytesReachTheDriverDirectlyUnlessTheYamlSaysOtherwise() {
        String bare = JOB.substring(0, JOB.indexOf("spark:"));
        SparkConf conf = SparkSessions.conf(ConfigLoader.parse(bare, "job.yaml"));
        // Spark's own default sends any result over 1 MB through the block manager
        assertEquals(64L << 20, conf.getSizeAsBytes("spark.task.maxDirectResultSize"));
        String own = bare + "spark:\n  conf:\n    spark.task.maxDirectResultSize: 1m\n";
        assertEquals(1L << 20, SparkSessions.conf(ConfigLoader.parse(own, "job.yaml"))
                .getSizeAsBytes("spark.task.maxDirectResultSize"));
    }

    @Test
    void aSettingFromSparkSubmitWinsOverTheYaml() {
        System.setProperty("spark.executor.memory", "12g");
        try {
            assertEquals("12g", SparkSessions.conf(ConfigLoader.parse(JOB, "job.yaml")).get("spark.executor.memory"));
        } finally {
            System.clearProperty("spark.executor.memory");
        }
    }

    @Test
    void aSetOverrideOfSparkConfReachesTheHadoopConfigurationOfTheRunningContext() {
        SparkSession shared = SharedSpark.session();
        String tmpBefore = shared.sparkContext().hadoopConfiguration().get("hadoop.tmp.dir");
        JobConfig config = ConfigLoader.parse(JOB, "job.yaml", ConfigOverrides.of(Map.of(), List.of(
                "spark.conf.spark.hadoop.fs.gs.project.id=distill-test",
                "spark.conf.spark.hadoop.hadoop.tmp.dir=/elsewhere")));
        Configuration hadoop = shared.sparkContext().hadoopConfiguration();
        try {
            assertSame(shared, SparkSessions.create(config), "getOrCreate keeps the running session");
            assertEquals("distill-test", hadoop.get("fs.gs.project.id"));
            assertEquals("http://127.0.0.1:9000", hadoop.get("fs.s3a.endpoint"));
            assertEquals(tmpBefore, hadoop.get("hadoop.tmp.dir"), "a key the context started with keeps its value");
        } finally {
            hadoop.unset("fs.gs.project.id");
            hadoop.unset("fs.s3a.endpoint");
            hadoop.unset("fs.s3a.path.style.access");
        }
        assertNull(hadoop.get("fs.gs.project.id"));
    }

    @Test
    void gradientSharingGivesEachExecutorItsOwnAeronFolderAndAWorkableTimeoutUnlessTheUserChoseThem() {
        String added = SparkSessions.withAeronSettings("-XX:+UseG1GC");
        assertTrue(added.startsWith("-XX:+UseG1GC -Daeron.dir=/dev/shm/aeron-{{APP_ID}}-{{EXECUTOR_ID}}"), added);
        assertTrue(added.endsWith("-Daeron.publication.unblock.timeout=60000000000"), added);
        String own = "-Daeron.dir=/mnt/aeron -Daeron.publication.unblock.timeout=90000000000";
        assertEquals(own, SparkSessions.withAeronSettings(own));
    }
}
