package io.sparkdistill.jobs.train;

import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.StudentConfig;
import io.sparkdistill.config.TrainingConfig;
import io.sparkdistill.jobs.SharedSpark;
import io.sparkdistill.student.Nd4jThreads;
import io.sparkdistill.student.StudentNetwork;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.spark.api.TrainingHook;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TaskCoresForNd4jTest {
    private final JavaSparkContext sc = JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext());

    /** Records, for each minibatch a worker fits, the task's cores and the threads its ND4J operations may use. */
    private static final class ThreadsSeen implements TrainingHook {
        private final CollectionAccumulator<String> seen;

        ThreadsSeen(CollectionAccumulator<String> seen) {
            this.seen = seen;
        }

        @Override
        public void preUpdate(org.nd4j.linalg.dataset.api.DataSet minibatch, Model model) {
            record();
        }

        @Override
        public void postUpdate(org.nd4j.linalg.dataset.api.DataSet minibatch, Model model) {
        }

        @Override
        public void preUpdate(MultiDataSet minibatch, Model model) {
            record();
        }

        @Override
        public void postUpdate(MultiDataSet minibatch, Model model) {
        }

        private void record() {
            seen.add(TaskContext.get().cpus() + " cores, " + Nd4jThreads.current() + " threads");
        }
    }

    @Test
    void everyMinibatchATrainingTaskFitsRunsOnTheTasksCoresOnly() {
        assumeTrue(System.getenv("OMP_NUM_THREADS") == null, "OMP_NUM_THREADS is set, and wins");
        int ownDefault = CompletableFuture.supplyAsync(Nd4jThreads::current, r -> new Thread(r).start()).join();
        assumeTrue(ownDefault > 1, "ND4J runs one thread per operation on this machine anyway");
        Hyperparameters h = new Hyperparameters(0.05, 8, 1, 2.0, 0.3, 3L, 2, 0);
        Nd4j.getRandom().setSeed(5);
        List<DataSet> batches = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            batches.add(new DataSet(Transforms.floor(Nd4j.rand(DataType.FLOAT, 8, 16).muli(16), false),
                    Nd4j.createFromArray(new float[][] {{1, 0, 0.8f, 0.2f}, {0, 1, 0.3f, 0.7f}}).repeat(0, 4)));
        }
        CollectionAccumulator<String> seen = sc.sc().collectionAccumulator("threads seen");
        for (TrainingMaster<?, ?> master : List.of(TrainingMasters.reproducible(TrainingConfig.defaults(), h, sc),
                TrainingMasters.create(TrainingConfig.defaults(), h, sc))) {
            master.addHook(new ThreadsSeen(seen));
            new SparkDl4jMultiLayer(sc, StudentNetwork.create(StudentConfig.fastText(16, 4, 1, 0), h, 2), master)
                    .fit(sc.parallelize(batches, 2));
        }
        assertFalse(seen.value().isEmpty());
        // spark.task.cpus is 1 in the shared session
        seen.value().forEach(s -> assertEquals("1 cores, 1 threads", s));
    }
}
