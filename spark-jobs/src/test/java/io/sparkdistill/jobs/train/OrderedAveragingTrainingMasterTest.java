package io.sparkdistill.jobs.train;

import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.StudentConfig;
import io.sparkdistill.config.TrainingConfig;
import io.sparkdistill.config.TrainingMasterKind;
import io.sparkdistill.jobs.SharedSpark;
import io.sparkdistill.student.StudentNetwork;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
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
}
