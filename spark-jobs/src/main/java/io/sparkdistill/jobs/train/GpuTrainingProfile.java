package io.sparkdistill.jobs.train;

import org.apache.spark.SparkConf;
import org.apache.spark.resource.ExecutorResourceRequests;
import org.apache.spark.resource.ResourceProfile;
import org.apache.spark.resource.ResourceProfileBuilder;
import org.apache.spark.resource.TaskResourceRequests;

/**
 * The Spark resource profile that puts the train stage, and only it, on GPU executors (stage-level scheduling):
 * generate and evaluate keep the job's default executors, which hold no GPU. Spark requires dynamic allocation for
 * it on YARN and Kubernetes; the GPU discovery script is the cluster's usual
 * {@code spark.executor.resource.gpu.discoveryScript}.
 */
final class GpuTrainingProfile {
    static final String GPU = "gpu";

    private GpuTrainingProfile() {
    }

    static ResourceProfile of(SparkConf conf, int gpusPerTask) {
        ExecutorResourceRequests executor = new ExecutorResourceRequests().resource(GPU, gpusPerTask,
                conf.get("spark.executor.resource.gpu.discoveryScript", ""),
                conf.get("spark.executor.resource.gpu.vendor", ""));
        return new ResourceProfileBuilder()
                .require(executor)
                .require(new TaskResourceRequests().resource(GPU, gpusPerTask))
                .build();
    }
}
