package io.sparkdistill.jobs.train;

import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.TrainingConfig;
import io.sparkdistill.config.TrainingMasterKind;
import io.sparkdistill.jobs.SharedSpark;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.serializer.SerializerInstance;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.resource.ResourceProfile;
import org.deeplearning4j.optimize.solvers.accumulation.encoding.threshold.FixedThresholdAlgorithm;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.parameterserver.conf.SharedTrainingConfiguration;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.junit.jupiter.api.Test;
import io.sparkdistill.config.StudentConfig;
import io.sparkdistill.student.StudentNetwork;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.parameterserver.distributed.conf.VoidConfiguration;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingMastersTest {
    private final JavaSparkContext sc = JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext());

    @Test
    void parameterAveragingIsTheDefaultAndGradientSharingIsChosenByName() {
        TrainingMaster<?, ?> averaging = TrainingMasters.create(TrainingConfig.defaults(), Hyperparameters.defaults(),
                sc);
        assertInstanceOf(ParameterAveragingTrainingMaster.class, averaging);

        TrainingConfig sharing = new TrainingConfig(TrainingMasterKind.GRADIENT_SHARING, 40200, "127.0.0.0/8", 5e-4, 0);
        TrainingMaster<?, ?> shared = TrainingMasters.create(sharing, Hyperparameters.defaults(), sc);
        assertInstanceOf(SharedTrainingMaster.class, shared);
        assertTrue(TrainingMasters.describe(sharing).contains("SharedTrainingMaster")
                && TrainingMasters.describe(sharing).contains("40200"));
    }

    @Test
    void parameterAveragingBringsTheWorkersAdamMomentsBackSoThatTheNextRoundResumesThem() {
        Hyperparameters h = Hyperparameters.defaults();
        SparkDl4jMultiLayer averaging = new SparkDl4jMultiLayer(sc,
                StudentNetwork.create(StudentConfig.fastText(8, 4, 1, 0), h, 2),
                TrainingMasters.create(TrainingConfig.defaults(), h, sc));
        averaging.fit(sc.parallelize(List.of(batch()), 1));

        // Adam's state on the driver: zeros unless the master averaged the workers' moments into it.
        double largest = averaging.getNetwork().getUpdater().getStateViewArray().amaxNumber().doubleValue();
        assertTrue(largest > 0, "largest Adam moment on the driver " + largest);
    }

    @Test
    void parameterAveragingRunsOnTheWorkersItIsGivenOrOnEveryCoreSparkOffers() {
        Hyperparameters h = Hyperparameters.defaults();
        ParameterAveragingTrainingMaster one = (ParameterAveragingTrainingMaster) TrainingMasters.create(
                TrainingConfig.defaults(), h, sc, 1);
        assertEquals(1, one.getNumWorkers());
        ParameterAveragingTrainingMaster every = (ParameterAveragingTrainingMaster) TrainingMasters.create(
                TrainingConfig.defaults(), h, sc);
        assertNull(every.getNumWorkers(), "left to Spark's default parallelism");
    }

    @Test
    void gradientSharingEncodesUpdatesAtAFixedThresholdOfTheLearningRateUnlessOneIsSet() {
        Hyperparameters h = Hyperparameters.defaults();
        SharedTrainingMaster byDefault = (SharedTrainingMaster) TrainingMasters.create(
                new TrainingConfig(TrainingMasterKind.GRADIENT_SHARING, 40200, null, null, 0), h, sc);
        assertEquals(new FixedThresholdAlgorithm(h.learningRate()), byDefault.getThresholdAlgorithm());

        SharedTrainingMaster set = (SharedTrainingMaster) TrainingMasters.create(
                new TrainingConfig(TrainingMasterKind.GRADIENT_SHARING, 40200, null, 5e-4, 0), h, sc);
        assertEquals(new FixedThresholdAlgorithm(5e-4), set.getThresholdAlgorithm());
    }

    @Test
    void gradientSharingListensOnTheConfiguredPortOnTheDriverAndOnEveryExecutor() {
        Hyperparameters h = Hyperparameters.defaults();
        SharedTrainingMaster master = (SharedTrainingMaster) TrainingMasters.create(
                new TrainingConfig(TrainingMasterKind.GRADIENT_SHARING, 40200, null, null, 0), h, sc);
        SparkDl4jMultiLayer network = new SparkDl4jMultiLayer(sc,
                StudentNetwork.create(StudentConfig.fastText(8, 4, 1, 0), h, 2), master);

        // What each executor's SharedTrainingWrapper gets: the broadcast configuration, through Spark's serializer.
        SharedTrainingConfiguration broadcast = master.getWorkerInstance(network).getBroadcastConfiguration().value();
        SerializerInstance serializer = SparkEnv.get().serializer().newInstance();
        ClassTag<SharedTrainingConfiguration> type = ClassTag$.MODULE$.apply(SharedTrainingConfiguration.class);
        VoidConfiguration onExecutor = serializer.deserialize(serializer.serialize(broadcast, type), type)
                .getVoidConfiguration();
        assertEquals(40200, onExecutor.getPortSupplier().getPort(), "the executor's own port");
        assertEquals(40200, onExecutor.getUnicastControllerPort(), "the port of the driver's root");
        assertEquals(40200, master.getVoidConfiguration().getUnicastControllerPort(), "the driver's root");
    }

    @Test
    void gradientSharingTrainsThePartitionsOfBatchesItIsGivenOrSpreadsThemOverTheWorkers() {
        Hyperparameters h = Hyperparameters.defaults();
        TrainingConfig sharing = new TrainingConfig(TrainingMasterKind.GRADIENT_SHARING, 40200, null, null, 0);
        SharedTrainingMaster kept = (SharedTrainingMaster) TrainingMasters.reproducible(sharing, h, sc);
        SharedTrainingMaster spread = (SharedTrainingMaster) TrainingMasters.create(sharing, h, sc);
        // DL4J's builder sets a repartitioner that wins over the Repartition setting and cuts the batches into one
        // minibatch per partition: one task, and so one fit, per minibatch, between which updates are dropped.
        assertNull(kept.getRepartitioner(), "no repartitioner: " + kept.getRepartitioner());
        assertEquals(Repartition.Never, kept.getRepartition());
        assertNull(spread.getRepartitioner(), "no repartitioner: " + spread.getRepartitioner());
        assertEquals(Repartition.Always, spread.getRepartition());
    }

    @Test
    void gradientSharingReportsNoTrainingLossInsteadOfTheZeroItsMasterLeavesWhileAveragingReportsTheFitsScore() {
        Hyperparameters h = Hyperparameters.defaults();
        MultiLayerNetwork network = StudentNetwork.create(StudentConfig.fastText(8, 4, 1, 0), h, 2);
        SparkDl4jMultiLayer averaging = new SparkDl4jMultiLayer(sc, network,
                TrainingMasters.create(TrainingConfig.defaults(), h, sc));
        averaging.fit(sc.parallelize(List.of(batch()), 1));

        double loss = TrainingMasters.trainingLoss(TrainingConfig.defaults(), averaging);
        assertTrue(loss > 0 && loss == averaging.getScore(), "loss " + loss);
        TrainingConfig sharing = new TrainingConfig(TrainingMasterKind.GRADIENT_SHARING, 40200, null, null, 0);
        assertTrue(Double.isNaN(TrainingMasters.trainingLoss(sharing, averaging)));
        assertEquals("n/a", TrainingMasters.formatLoss(Double.NaN));
        assertEquals("0.1235", TrainingMasters.formatLoss(0.12345));
    }

    private static DataSet batch() {
        // the fastText student reads bucket ids (8 buckets), every column weighing 1 without a mask
        return new DataSet(Transforms.floor(Nd4j.rand(DataType.FLOAT, 16, 8).muli(8), false),
                // DistillationLoss reads the one-hot gold label, then the teacher's probabilities
                Nd4j.createFromArray(new float[][] {{1, 0, 0.8f, 0.2f}, {0, 1, 0.3f, 0.7f}}).repeat(0, 8));
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
