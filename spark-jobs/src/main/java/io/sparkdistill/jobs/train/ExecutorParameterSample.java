package io.sparkdistill.jobs.train;

import org.apache.spark.SparkEnv;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.util.StringJoiner;

/**
 * Logs, at debug, a fixed sample of the parameters an executor's copy of the student holds when each fit starts and
 * ends. Under gradient sharing every executor trains its own copy and applies the updates the others send; nothing
 * else shows whether those copies stay together (the driver only ever sees its own copy), so the samples of two
 * executors, read side by side, are how one checks that updates are applied and not just delivered.
 */
final class ExecutorParameterSample extends BaseTrainingListener implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorParameterSample.class);
    /** Enough evenly spaced parameters for a distance between two copies, few enough for one log line. */
    static final int SAMPLE_SIZE = 256;

    private final String student;

    ExecutorParameterSample(String student) {
        this.student = student;
    }

    @Override
    public void onEpochStart(Model model) {
        log("start", model);
    }

    @Override
    public void onEpochEnd(Model model) {
        log("end", model);
    }

    private void log(String moment, Model model) {
        if (!LOG.isDebugEnabled()) {
            return;
        }
        INDArray params = model.params();
        long n = params.length();
        int k = (int) Math.min(SAMPLE_SIZE, n);
        StringJoiner sample = new StringJoiner(",", "[", "]");
        for (int i = 0; i < k; i++) {
            sample.add(Float.toString(params.getFloat(i * n / k)));
        }
        SparkEnv env = SparkEnv.get();
        LOG.debug("[train {}] executor {} parameters at fit {}: {} of {} {}", student,
                env == null ? "none" : env.executorId(), moment, k, n, sample);
    }
}
