package io.sparkdistill.jobs.train;

import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.LearningRateDecay;
import io.sparkdistill.config.LearningRateSchedule;
import io.sparkdistill.config.StudentConfig;
import io.sparkdistill.config.TrainingConfig;
import io.sparkdistill.jobs.SharedSpark;
import io.sparkdistill.student.StudentNetwork;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.TrainingHook;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScheduledLearningRateOnSparkTest {
    private final JavaSparkContext sc = JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext());

    /** Records, on the executors, the epoch count and step size each worker's network trains a minibatch with. */
    private record RateProbe(CollectionAccumulator<double[]> seen) implements TrainingHook {
        @Override
        public void preUpdate(DataSet minibatch, Model model) {
            MultiLayerNetwork network = (MultiLayerNetwork) model;
            seen.add(new double[] {network.getEpochCount(), network.getIterationCount(),
                    network.getLearningRate(StudentNetwork.OUTPUT_LAYER)});
        }

        @Override
        public void postUpdate(DataSet minibatch, Model model) {
        }

        @Override
        public void preUpdate(MultiDataSet minibatch, Model model) {
        }

        @Override
        public void postUpdate(MultiDataSet minibatch, Model model) {
        }
    }

    @Test
    void theWorkersStepSizeFollowsTheScheduleAcrossEpochsUnderParameterAveraging() {
        int epochs = 4;
        LearningRateSchedule schedule = new LearningRateSchedule(LearningRateDecay.COSINE, 0.1);
        Hyperparameters h = new Hyperparameters(0.05, 8, epochs, 2.0, 0.3, 3L, 2, 0)
                .withLearningRateSchedule(schedule);
        MultiLayerNetwork network = StudentNetwork.create(StudentConfig.fastText(16, 4, 1, 0), h, 2);
        OrderedAveragingTrainingMaster master = (OrderedAveragingTrainingMaster) TrainingMasters.reproducible(
                TrainingConfig.defaults(), h, sc);
        CollectionAccumulator<double[]> seen = sc.sc().collectionAccumulator("rates");
        // the job's master as built, with the probe beside its own hook (its list does not take additions)
        List<TrainingHook> hooks = new ArrayList<>(master.getTrainingHookList());
        hooks.add(new RateProbe(seen));
        master.setTrainingHookList(hooks);
        SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(sc, network, master);
        JavaRDD<org.nd4j.linalg.dataset.DataSet> data = batches();

        for (int epoch = 0; epoch < epochs; epoch++) {
            seen.reset();
            spark.fit(data);
            double expected = 0.05 * schedule.epochShare(epoch, epochs);
            List<double[]> steps = new ArrayList<>(seen.value());
            assertEquals(12, steps.size(), "every minibatch of the epoch is fitted once");
            for (double[] step : steps) {
                assertEquals(epoch, (int) step[0], "the workers' network knows which epoch it trains");
                assertEquals(expected, step[2], 1e-9, "epoch " + epoch + ", iteration " + (int) step[1]);
            }
            assertEquals(epoch + 1, spark.getNetwork().getEpochCount());
            assertEquals(0.05 * schedule.epochShare(epoch + 1, epochs),
                    spark.getNetwork().getLearningRate(StudentNetwork.OUTPUT_LAYER), 1e-9,
                    "the driver's network after epoch " + (epoch + 1) + " stands at the next epoch's rate");
        }
        assertTrue(seen.value().stream().anyMatch(step -> step[2] < 0.05 * 0.2), "the last epoch nears the floor");
    }

    /** 12 random minibatches over 3 partitions. */
    private JavaRDD<org.nd4j.linalg.dataset.DataSet> batches() {
        Nd4j.getRandom().setSeed(5);
        List<org.nd4j.linalg.dataset.DataSet> batches = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            // bucket ids of the 16-bucket fastText student
            batches.add(new org.nd4j.linalg.dataset.DataSet(Transforms.floor(Nd4j.rand(DataType.FLOAT, 8, 16).muli(16),
                    false),
                    Nd4j.createFromArray(new float[][] {{1, 0, 0.8f, 0.2f}, {0, 1, 0.3f, 0.7f}}).repeat(0, 4)));
        }
        return sc.parallelize(batches, 3);
    }
}
