package io.sparkdistill.student;

import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.StudentConfig;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fastText student as it was before the embedding bag, kept to prove the bag the same model and old student.zip
 * files loadable: a bias-free dense layer fed the whole normalised bucket vector, then the output layer.
 */
final class DenseBucketStudent {
    private DenseBucketStudent() {
    }

    static MultiLayerNetwork create(StudentConfig student, Hyperparameters hyper, int numLabels,
                                    double[] classWeights) {
        MultiLayerNetwork network = new MultiLayerNetwork(StudentNetwork.layers(hyper)
                .layer(0, new DenseLayer.Builder().nIn(student.buckets()).nOut(student.dimension())
                        .activation(Activation.IDENTITY).hasBias(false).build())
                .layer(1, new OutputLayer.Builder(new DistillationLoss(hyper.alpha(), hyper.temperature(),
                        classWeights)).nIn(student.dimension()).nOut(numLabels).activation(Activation.IDENTITY)
                        .build())
                .build());
        network.init();
        return network;
    }

    /** {@code bagBatch}'s labels with the examples' dense bucket vectors as features. */
    static DataSet batch(DataSet bagBatch, HashingFeaturizer featurizer, List<TrainingExample> examples) {
        float[][] rows = new float[examples.size()][featurizer.buckets()];
        for (int i = 0; i < rows.length; i++) {
            SparseFeatures bag = featurizer.features(examples.get(i).segments());
            for (int k = 0; k < bag.size(); k++) {
                rows[i][bag.indices()[k]] = bag.values()[k];
            }
        }
        return new DataSet(Nd4j.createFromArray(rows), bagBatch.getLabels());
    }
}
