package io.sparkdistill.jobs.train;

import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.TrainingConfig;
import io.sparkdistill.jobs.SharedSpark;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.resource.ResourceProfile;
import org.deeplearning4j.optimize.solvers.accumulation.encoding.threshold.AdaptiveThresholdAlgorithm;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingMastersTest {
    private final JavaSparkContext sc = JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext());

    @Test
    void parameterAveragingIsTheDefaultAndGradientSharingIsChosenByName() {
        TrainingMaster<?, ?> averaging = TrainingMasters.create(TrainingConfig.defaults(), Hyperparameters.defaults(),
                sc);
        assertInstanceOf(ParameterAveragingTrainingMaster.class, averaging);

        TrainingConfig sharing = new TrainingConfig("gradient_sharing", 40200, "127.0.0.0/8", 5e-4, 0);
        TrainingMaster<?, ?> shared = TrainingMasters.create(sharing, Hyperparameters.defaults(), sc);
        assertInstanceOf(SharedTrainingMaster.class, shared);
        assertTrue(TrainingMasters.describe(sharing).contains("SharedTrainingMaster")
                && TrainingMasters.describe(sharing).contains("40200"));
    }

    @Test
    void gradientSharingStartsItsUpdateThresholdAtTheLearningRateUnlessOneIsSet() {
        Hyperparameters h = Hyperparameters.defaults();
        SharedTrainingMaster byDefault = (SharedTrainingMaster) TrainingMasters.create(
                new TrainingConfig("gradient_sharing", 40200, null, null, 0), h, sc);
        assertEquals(new AdaptiveThresholdAlgorithm(h.learningRate()), byDefault.getThresholdAlgorithm());

        SharedTrainingMaster set = (SharedTrainingMaster) TrainingMasters.create(
                new TrainingConfig("gradient_sharing", 40200, null, 5e-4, 0), h, sc);
        assertEquals(new AdaptiveThresholdAlgorithm(5e-4), set.getThresholdAlgorithm());
    }

    @Test
    void theTrainStagesGpuProfileAsksEachExecutorAndTaskForTheConfiguredGpus() {
        SparkConf conf = new SparkConf(false).set("spark.executor.resource.gpu.discoveryScript",
                "/opt/spark/examples/src/main/scripts/getGpusResources.sh");
        ResourceProfile profile = GpuTrainingProfile.of(conf, 2);

        assertEquals(2, profile.executorResources().get("gpu").get().amount());
        assertEquals("/opt/spark/examples/src/main/scripts/getGpusResources.sh",
                profile.executorResources().get("gpu").get().discoveryScript());
        assertEquals(2.0, profile.taskResources().get("gpu").get().amount());
    }
}
