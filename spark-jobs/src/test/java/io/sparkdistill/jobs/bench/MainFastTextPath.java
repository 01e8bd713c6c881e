package io.sparkdistill.jobs.bench;

import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.StudentConfig;
import io.sparkdistill.student.DistillationLoss;
import io.sparkdistill.student.HashingFeaturizer;
import io.sparkdistill.student.ScheduledLearningRate;
import io.sparkdistill.student.SparseFeatures;
import io.sparkdistill.student.TrainingExample;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * How main trained the fastText student before the embedding bag, kept here so that the benchmark measures it beside
 * the new path in the same run: a bias-free dense layer fed each example's whole 16,384-bucket vector, and every
 * minibatch of a partition built into a list before the first is trained.
 */
final class MainFastTextPath {
    private MainFastTextPath() {
    }

    static MultiLayerNetwork network(StudentConfig student, Hyperparameters hyper, int numLabels) {
        MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(hyper.seed())
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(ScheduledLearningRate.adam(hyper))
                .list()
                .layer(0, new DenseLayer.Builder().nIn(student.buckets()).nOut(student.dimension())
                        .activation(Activation.IDENTITY).hasBias(false).build())
                .layer(1, new OutputLayer.Builder(new DistillationLoss(hyper.alpha(), hyper.temperature(), null))
                        .nIn(student.dimension()).nOut(numLabels).activation(Activation.IDENTITY).build())
                .build());
        network.init();
        return network;
    }

    /** A partition's minibatches, all built before the first is returned, as main's train stage did. */
    static Iterator<DataSet> batches(Iterator<TrainingExample> examples, int batchSize, HashingFeaturizer featurizer,
                                     int numLabels) {
        List<DataSet> out = new ArrayList<>();
        List<TrainingExample> batch = new ArrayList<>(batchSize);
        while (examples.hasNext()) {
            batch.add(examples.next());
            if (batch.size() == batchSize || !examples.hasNext()) {
                out.add(dataSet(batch, featurizer, numLabels));
                batch = new ArrayList<>(batchSize);
            }
        }
        return out.iterator();
    }

    /** Dense bucket rows and {@code [gold one-hot, teacher]} labels, one float[] per row as main built them. */
    static DataSet dataSet(List<TrainingExample> examples, HashingFeaturizer featurizer, int numLabels) {
        float[][] features = new float[examples.size()][];
        float[][] labels = new float[examples.size()][2 * numLabels];
        for (int i = 0; i < examples.size(); i++) {
            TrainingExample example = examples.get(i);
            SparseFeatures bag = featurizer.features(example.segments());
            features[i] = new float[featurizer.buckets()];
            for (int k = 0; k < bag.size(); k++) {
                features[i][bag.indices()[k]] = bag.values()[k];
            }
            labels[i][example.hardLabel()] = 1f;
            System.arraycopy(example.teacherProbabilities(), 0, labels[i], numLabels, numLabels);
        }
        return new DataSet(Nd4j.create(features).castTo(DataType.FLOAT), Nd4j.create(labels).castTo(DataType.FLOAT));
    }
}
