package io.sparkdistill.jobs.train;

import io.sparkdistill.student.Nd4jThreads;
import org.apache.spark.TaskContext;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.spark.api.TrainingHook;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Holds each training task's ND4J operations to the cores Spark gave the task ({@code spark.task.cpus}) before it
 * fits a minibatch ({@link Nd4jThreads}): with ND4J's default, every task of an executor ran its operations on all of
 * the executor's cores, and the tasks contended for them (the cnn student trained 1.36x faster on two cores than on
 * one; held, 1.81x).
 */
final class TaskCoresForNd4j implements TrainingHook {
    private static final long serialVersionUID = 1L;

    @Override
    public void preUpdate(DataSet minibatch, Model model) {
        holdToTaskCores();
    }

    @Override
    public void postUpdate(DataSet minibatch, Model model) {
        // Kept for the task thread's next minibatch.
    }

    @Override
    public void preUpdate(MultiDataSet minibatch, Model model) {
        holdToTaskCores();
    }

    @Override
    public void postUpdate(MultiDataSet minibatch, Model model) {
        // Kept for the task thread's next minibatch.
    }

    private static void holdToTaskCores() {
        TaskContext task = TaskContext.get();
        if (task != null) {
            Nd4jThreads.holdTo(task.cpus());
        }
    }
}
