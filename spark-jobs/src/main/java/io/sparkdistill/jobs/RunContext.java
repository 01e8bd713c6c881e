package io.sparkdistill.jobs;

import io.sparkdistill.config.JobConfig;
import org.apache.spark.sql.SparkSession;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * What every stage of one invocation shares: the job, its Spark session, where its run folder is, and the id that
 * ties every artefact it writes to this invocation.
 */
public record RunContext(JobConfig config, SparkSession spark, RunLayout layout, RunStorage storage, String runId) {

    public static RunContext create(JobConfig config, SparkSession spark) {
        String runId = config.name() + "-" + ZonedDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
        return new RunContext(config, spark, RunLayout.of(config),
                new RunStorage(spark.sparkContext().hadoopConfiguration()), runId);
    }
}
