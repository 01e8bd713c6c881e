package io.sparkdistill.student;

import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The fastText student's forward pass: featurise, average the firing buckets' embedding rows, apply the output
 * layer. A text fires a few dozen to a few thousand of the thousands of buckets, and only those rows are visited, once
 * per occurrence: the training network's weighted average of the distinct buckets is the same sum.
 */
final class BagOfNgramsForward implements StudentForward {
    private static final long serialVersionUID = 1L;

    private final HashingFeaturizer featurizer;
    private final int dimension;
    private final int numLabels;
    /** Embedding rows, row-major: bucket b's vector is embeddings[b * dimension .. (b + 1) * dimension). */
    private final float[] embeddings;
    /** Output weights, row-major [dimension][numLabels]. */
    private final float[] outputWeights;
    private final float[] outputBias;

    BagOfNgramsForward(MultiLayerNetwork network, StudentMetadata metadata) {
        // 2 layers (embedding bag or, in the oldest student.zip files, a dense layer; output), or 3 in the files saved
        // while the bag was DL4J's embedding sequence and a summing pooling layer
        int layers = network.getnLayers();
        if (layers != 3 && layers != 2) {
            throw new IllegalArgumentException("a fasttext student network has 2 layers (embedding bag, output), or "
                    + "3 (embedding, sum, output) if saved by an earlier version, got " + layers);
        }
        Layer output = network.getLayer(layers - 1);
        this.featurizer = metadata.featurizer();
        this.dimension = metadata.dimension();
        this.numLabels = metadata.labels().size();
        this.embeddings = StudentForward.rowMajor(StudentForward.parameter(
                network.getLayer(StudentNetwork.EMBEDDING_LAYER), "W", metadata.buckets(), dimension));
        this.outputWeights = StudentForward.rowMajor(StudentForward.parameter(output, "W", dimension, numLabels));
        this.outputBias = StudentForward.rowMajor(StudentForward.bias(output, "b", numLabels));
    }

    @Override
    public float[] logits(List<String> segments) {
        int[] occurrences = featurizer.occurrences(segments);
        float[] hidden = new float[dimension];
        for (int bucket : occurrences) {
            int row = bucket * dimension;
            for (int d = 0; d < dimension; d++) {
                hidden[d] += embeddings[row + d];
            }
        }
        if (occurrences.length > 0) {
            float share = 1f / occurrences.length;
            for (int d = 0; d < dimension; d++) {
                hidden[d] *= share;
            }
        }
        float[] logits = outputBias.clone();
        for (int d = 0; d < dimension; d++) {
            int row = d * numLabels;
            float h = hidden[d];
            for (int c = 0; c < numLabels; c++) {
                logits[c] += h * outputWeights[row + c];
            }
        }
        return logits;
    }

    /** buckets * dimension + dimension * labels + labels. */
    @Override
    public long parameterCount() {
        return (long) embeddings.length + outputWeights.length + outputBias.length;
    }
}
