package io.sparkdistill.student.generative;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Turns token sequences into DL4J minibatches for the generative network: token ids {@code [batch, 1, time]}, the
 * next token as a class index {@code [batch, 1, time]} (sparse labels: a one-hot over the vocabulary at every step
 * would cost vocabulary-times the memory), a features mask over the real steps and a labels mask over the answer's
 * steps. Shorter sequences are padded at the end. Both arrays are time series (rank 3), so that dl4j-spark can merge
 * and split batches of different lengths, padding them with masks. MultiDataSets, the graph's one input and output.
 */
public final class SequenceBatches {

    private SequenceBatches() {
    }

    /** One minibatch of the given sequences. */
    public static MultiDataSet toMultiDataSet(List<TokenSequence> batch) {
        int rows = batch.size();
        int steps = batch.stream().mapToInt(TokenSequence::length).max().orElseThrow();
        float[] features = new float[rows * steps];
        float[] labels = new float[rows * steps];
        float[] featuresMask = new float[rows * steps];
        float[] labelsMask = new float[rows * steps];
        for (int r = 0; r < rows; r++) {
            TokenSequence s = batch.get(r);
            for (int t = 0; t < s.length(); t++) {
                int at = r * steps + t;
                features[at] = s.input(t);
                featuresMask[at] = 1f;
                int target = s.target(t);
                if (target >= 0) {
                    labels[at] = target;
                    labelsMask[at] = 1f;
                }
            }
        }
        INDArray x = Nd4j.create(features, new long[]{rows, 1, steps}, DataType.FLOAT);
        INDArray y = Nd4j.create(labels, new long[]{rows, 1, steps}, DataType.FLOAT);
        return new org.nd4j.linalg.dataset.MultiDataSet(x, y,
                Nd4j.create(featuresMask, new long[]{rows, steps}, DataType.FLOAT),
                Nd4j.create(labelsMask, new long[]{rows, steps}, DataType.FLOAT));
    }

    /**
     * Minibatches of a partition's sequences, sorted by length first so that a batch pads little: the LSTM pays for
     * every padded step.
     */
    public static Iterator<MultiDataSet> batches(Iterator<TokenSequence> sequences, int batchSize) {
        List<TokenSequence> all = new ArrayList<>();
        sequences.forEachRemaining(all::add);
        all.sort(Comparator.comparingInt(TokenSequence::length));
        List<MultiDataSet> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += batchSize) {
            out.add(toMultiDataSet(all.subList(from, Math.min(all.size(), from + batchSize))));
        }
        return out.iterator();
    }
}
