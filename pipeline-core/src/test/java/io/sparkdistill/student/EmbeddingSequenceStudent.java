package io.sparkdistill.student;

import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.StudentConfig;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The fastText student as it was before the {@link EmbeddingBag}, kept to prove the bag the same model and the
 * student.zip files of that time loadable: DL4J's embedding sequence over the firing bucket ids, a summing global
 * pooling, the output layer; fed the square roots of the weights as mask, since both sequence layers multiply by it.
 */
final class EmbeddingSequenceStudent {
    private EmbeddingSequenceStudent() {
    }

    static MultiLayerNetwork create(StudentConfig student, Hyperparameters hyper, int numLabels) {
        MultiLayerNetwork network = new MultiLayerNetwork(StudentNetwork.layers(hyper)
                .layer(0, new EmbeddingSequenceLayer.Builder().nIn(student.buckets()).nOut(student.dimension())
                        .hasBias(false).build())
                .layer(1, new GlobalPoolingLayer.Builder(PoolingType.SUM).build())
                .layer(2, new OutputLayer.Builder(new DistillationLoss(hyper.alpha(), hyper.temperature(), null))
                        .nIn(student.dimension()).nOut(numLabels).activation(Activation.IDENTITY).build())
                .build());
        network.init();
        return network;
    }

    /** {@code bagBatch} with the square roots of its weights as mask, as this network reads them. */
    static DataSet batch(DataSet bagBatch) {
        return new DataSet(bagBatch.getFeatures(), bagBatch.getLabels(),
                Transforms.sqrt(bagBatch.getFeaturesMaskArray(), true), null);
    }

    /** Copies every parameter of {@code from} into the same parameter of {@code to}, layers with parameters paired
     * in order (a network's flat parameter vector lays the bag's table out row by row, the others column by column). */
    static void copyParameters(MultiLayerNetwork from, MultiLayerNetwork to) {
        List<org.deeplearning4j.nn.api.Layer> sources = withParameters(from);
        List<org.deeplearning4j.nn.api.Layer> targets = withParameters(to);
        for (int i = 0; i < sources.size(); i++) {
            for (String key : sources.get(i).paramTable().keySet()) {
                INDArray target = targets.get(i).getParam(key);
                target.assign(sources.get(i).getParam(key).reshape(target.shape()));
            }
        }
    }

    /** Every parameter's values, row-major, layers with parameters in order, each layer's parameters by key. */
    static List<float[]> parameters(MultiLayerNetwork network) {
        List<float[]> values = new ArrayList<>();
        for (org.deeplearning4j.nn.api.Layer layer : withParameters(network)) {
            for (String key : layer.paramTable().keySet()) {
                INDArray param = layer.getParam(key);
                values.add(param.reshape(param.length() == param.size(-1) ? new long[] {param.length()}
                        : param.shape()).dup('c').data().asFloat());
            }
        }
        return values;
    }

    private static List<org.deeplearning4j.nn.api.Layer> withParameters(MultiLayerNetwork network) {
        List<org.deeplearning4j.nn.api.Layer> layers = new ArrayList<>();
        for (org.deeplearning4j.nn.api.Layer layer : network.getLayers()) {
            if (layer.numParams() > 0) {
                layers.add(layer);
            }
        }
        return layers;
    }
}
