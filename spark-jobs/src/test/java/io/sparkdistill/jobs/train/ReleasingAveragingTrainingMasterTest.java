package io.sparkdistill.jobs.train;

import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.TrainingConfig;
import io.sparkdistill.jobs.SharedSpark;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The train stage's parameter averaging keeps no round's broadcast network on the driver: measured as the storage
 * memory Spark's block manager uses, before and after several rounds, in the shared local session (where driver and
 * executor share one block manager).
 */
class ReleasingAveragingTrainingMasterTest {
    private static final int WIDTH = 512;
    /** 12 minibatches over 3 workers averaging every 2: two rounds a fit. */
    private static final Hyperparameters H = new Hyperparameters(0.01, 8, 1, 2.0, 0.3, 3L, 2, 0, null, null);
    private final JavaSparkContext sc = JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext());

    /** Parameters and Adam's two moments: 3 x 4 bytes per parameter, the size of one round's broadcast. */
    private static long roundBroadcastBytes(long parameters) {
        return parameters * 12;
    }

    private JavaRDD<DataSet> batches() {
        Nd4j.getRandom().setSeed(5);
        List<DataSet> batches = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            batches.add(new DataSet(Nd4j.rand(DataType.FLOAT, 8, WIDTH),
                    Nd4j.createFromArray(new float[][] {{1, 0}, {0, 1}}).repeat(0, 4)));
        }
        return sc.parallelize(batches, 3);
    }

    private static NeuralNetConfiguration.Builder layers() {
        return new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT).updater(new Adam(0.01));
    }

    @Test
    void theLabelStudentsAveragingReleasesEveryRoundsBroadcastNetwork() {
        MultiLayerNetwork network = new MultiLayerNetwork(layers().list()
                .layer(new DenseLayer.Builder().nIn(WIDTH).nOut(WIDTH).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(WIDTH).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build());
        network.init();
        SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(sc, network,
                TrainingMasters.reproducible(TrainingConfig.defaults(), H, sc));
        JavaRDD<DataSet> data = batches();
        // The first fit persists the minibatches (dl4j-spark keeps what it is given); measured from there on.
        spark.fit(data);
        long before = settledStorageMemoryUsed();
        for (int fit = 0; fit < 3; fit++) {
            spark.fit(data);
        }
        assertReleased(before, network.numParams(), "6 rounds of the label students' averaging");
        data.unpersist(true);
    }

    @Test
    void theTextStudentsRoundByRoundAveragingReleasesEveryRoundsBroadcastNetwork() {
        ComputationGraph graph = new ComputationGraph(layers().graphBuilder()
                .addInputs("in")
                .addLayer("dense", new DenseLayer.Builder().nIn(WIDTH).nOut(WIDTH).activation(Activation.RELU)
                        .build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(WIDTH).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "dense")
                .setOutputs("out")
                .build());
        graph.init();
        SparkComputationGraph spark = new SparkComputationGraph(sc, graph, TrainingMasters.oneRoundPerFit(H, 3));
        JavaRDD<MultiDataSet> data = batches().map(d -> (MultiDataSet) new org.nd4j.linalg.dataset.MultiDataSet(
                d.getFeatures(), d.getLabels())).cache();
        data.count();
        long before = settledStorageMemoryUsed();
        for (int fit = 0; fit < 3; fit++) {
            spark.fitMultiDataSet(data);
        }
        assertReleased(before, graph.numParams(), "6 rounds of the text students' averaging");
        data.unpersist(true);
    }

    /**
     * Destroying a broadcast removes its blocks asynchronously: waits up to 20 s for the storage memory to fall back
     * to within half a round's broadcast of where it was.
     */
    private void assertReleased(long before, long parameters, String what) {
        long allowed = roundBroadcastBytes(parameters) / 2;
        long deadline = System.nanoTime() + 20_000_000_000L;
        long grown = storageMemoryUsed() - before;
        while (grown > allowed && System.nanoTime() < deadline) {
            sleep();
            grown = storageMemoryUsed() - before;
        }
        long finalGrown = grown;
        assertTrue(finalGrown <= allowed, () -> what + " left " + finalGrown / 1024 + " KiB more in Spark's block "
                + "manager (one round's broadcast network is about " + roundBroadcastBytes(parameters) / 1024
                + " KiB)");
    }

    /**
     * The storage memory in use once what earlier tests left is gone: a GC lets Spark's context cleaner release the
     * blocks of broadcasts nobody holds any more, which it does shortly after.
     */
    private long settledStorageMemoryUsed() {
        System.gc();
        sleep();
        long used = storageMemoryUsed();
        for (long previous = Long.MAX_VALUE; used < previous; ) {
            sleep();
            previous = used;
            used = storageMemoryUsed();
        }
        return used;
    }

    private long storageMemoryUsed() {
        long used = 0;
        for (Tuple2<Object, Object> status : scala.collection.JavaConverters.mapAsJavaMap(
                sc.sc().getExecutorMemoryStatus()).values()) {
            used += (Long) status._1() - (Long) status._2();
        }
        return used;
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
