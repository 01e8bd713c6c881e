package io.sparkdistill.jobs.bench;

import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.StudentConfig;
import io.sparkdistill.student.BatchFeatures;
import io.sparkdistill.student.DistillationLoss;
import io.sparkdistill.student.HashingFeaturizer;
import io.sparkdistill.student.ScheduledLearningRate;
import io.sparkdistill.student.StudentInput;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;

/**
 * How the fastText student trained before its {@code EmbeddingBag} layer, kept here so that the benchmark measures
 * it beside the direct layer in the same run: DL4J's embedding sequence over the firing bucket ids, then a summing
 * global pooling, both multiplying by the mask, which is therefore the square root of each bucket's weight.
 * Minibatches are built as today's (sorted windows, one at a time).
 */
final class EmbeddingSequencePath {
    private EmbeddingSequencePath() {
    }

    static MultiLayerNetwork network(StudentConfig student, Hyperparameters hyper, int numLabels) {
        MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(hyper.seed())
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(ScheduledLearningRate.adam(hyper))
                .list()
                .layer(0, new EmbeddingSequenceLayer.Builder().nIn(student.buckets()).nOut(student.dimension())
                        .hasBias(false).build())
                .layer(1, new GlobalPoolingLayer.Builder(PoolingType.SUM).build())
                .layer(2, new OutputLayer.Builder(new DistillationLoss(hyper.alpha(), hyper.temperature(), null))
                        .nIn(student.dimension()).nOut(numLabels).activation(Activation.IDENTITY).build())
                .build());
        network.init();
        return network;
    }

    /** The featurizer's minibatches with the square roots of the weights as mask. */
    static StudentInput input(HashingFeaturizer featurizer) {
        return new RootWeights(featurizer);
    }

    private record RootWeights(HashingFeaturizer featurizer) implements StudentInput {
        @Override
        public BatchFeatures batch(List<List<String>> examples) {
            BatchFeatures weighted = featurizer.batch(examples);
            return new BatchFeatures(weighted.features(), Transforms.sqrt(weighted.mask(), false));
        }

        @Override
        public boolean padsToLongest() {
            return true;
        }
    }
}
