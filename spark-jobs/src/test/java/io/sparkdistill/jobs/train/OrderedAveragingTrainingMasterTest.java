package io.sparkdistill.jobs.train;

import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.StudentConfig;
import io.sparkdistill.config.TrainingConfig;
import io.sparkdistill.config.TrainingMasterKind;
import io.sparkdistill.jobs.SharedSpark;
import io.sparkdistill.student.StudentNetwork;
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
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderedAveragingTrainingMasterTest {
    private final JavaSparkContext sc = JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext());

    /** 12 random minibatches over 3 partitions, the same every call. */
    private JavaRDD<DataSet> batches() {
        Nd4j.getRandom().setSeed(5);
        List<DataSet> batches = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            // bucket ids of the 16-bucket fastText student
            batches.add(new DataSet(Transforms.floor(Nd4j.rand(DataType.FLOAT, 8, 16).muli(16), false),
                    Nd4j.createFromArray(new float[][] {{1, 0, 0.8f, 0.2f}, {0, 1, 0.3f, 0.7f}}).repeat(0, 4)));
        }
        return sc.parallelize(batches, 3);
    }

    private float[] trainedParameters(Hyperparameters h) {
        MultiLayerNetwork network = StudentNetwork.create(StudentConfig.fastText(16, 4, 1, 0), h, 2);
        SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(sc, network,
                TrainingMasters.reproducible(TrainingConfig.defaults(), h, sc));
        JavaRDD<DataSet> data = batches();
        spark.fit(data);
        spark.fit(data);
        assertTrue(spark.getScore() > 0, "the averaged score is kept: " + spark.getScore());
        return spark.getNetwork().params().toFloatVector();
    }

    @Test
    void twoFitsFromTheSameSeedAverageToBitIdenticalParameters() {
        Hyperparameters h = new Hyperparameters(0.05, 8, 2, 2.0, 0.3, 3L, 2, 0);
        float[] initial = StudentNetwork.create(StudentConfig.fastText(16, 4, 1, 0), h, 2).params().toFloatVector();
        float[] first = trainedParameters(h);
        float[] second = trainedParameters(h);
        assertArrayEquals(first, second, 0f);
        assertNotEquals(initial[0], first[0], "training moved the parameters");
    }

    @Test
    void parameterAveragingIsOrderedWhileGradientSharingIsLeftAsItIs() {
        Hyperparameters h = Hyperparameters.defaults();
        assertInstanceOf(OrderedAveragingTrainingMaster.class,
                TrainingMasters.reproducible(TrainingConfig.defaults(), h, sc));
        assertInstanceOf(RejoiningSharedTrainingMaster.class, TrainingMasters.reproducible(
                new TrainingConfig(TrainingMasterKind.GRADIENT_SHARING, 40201, null, null, 0), h, sc));
    }

    @Test
    void aTextStudentsRoundByRoundFitsFromTheSameSeedAverageToBitIdenticalParameters() {
        Hyperparameters h = new Hyperparameters(0.05, 8, 2, 2.0, 0.3, 3L, 2, 0);
        float[] first = trainedGraphParameters(h);
        float[] second = trainedGraphParameters(h);
        assertArrayEquals(first, second, 0f);
        assertNotEquals(graph(h).params().getFloat(0), first[0], "training moved the parameters");
    }

    /** A small graph (a text student's kind of network), fitted twice on the same 12 minibatches over 3 workers. */
    private float[] trainedGraphParameters(Hyperparameters h) {
        ComputationGraph graph = graph(h);
        SparkComputationGraph spark = new SparkComputationGraph(sc, graph, TrainingMasters.oneRoundPerFit(h, 3));
        JavaRDD<MultiDataSet> data = batches().map(d -> (MultiDataSet) new org.nd4j.linalg.dataset.MultiDataSet(
                d.getFeatures(), d.getLabels().getColumns(0, 1)));
        spark.fitMultiDataSet(data);
        spark.fitMultiDataSet(data);
        return graph.params().toFloatVector();
    }

    private static ComputationGraph graph(Hyperparameters h) {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(h.seed())
                .dataType(DataType.FLOAT).updater(new Adam(h.learningRate())).graphBuilder()
                .addInputs("in")
                .addLayer("dense", new DenseLayer.Builder().nIn(16).nOut(8).activation(Activation.RELU)
                        .dropOut(0.8).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "dense")
                .setOutputs("out")
                .build());
        graph.init();
        return graph;
    }
}
