package io.sparkdistill.student;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A partition's examples as minibatches, each built when it is asked for: an executor then holds one minibatch's
 * arrays at a time, however large its partition (a list of a whole partition's batches ran 100,000 fastText examples
 * out of off-heap memory). The last minibatch holds what is left.
 */
public final class MinibatchIterator implements Iterator<DataSet> {
    private final Iterator<TrainingExample> examples;
    private final int batchSize;
    private final StudentInput input;
    private final int numLabels;

    public MinibatchIterator(Iterator<TrainingExample> examples, int batchSize, StudentInput input, int numLabels) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        this.examples = examples;
        this.batchSize = batchSize;
        this.input = input;
        this.numLabels = numLabels;
    }

    @Override
    public boolean hasNext() {
        return examples.hasNext();
    }

    @Override
    public DataSet next() {
        if (!examples.hasNext()) {
            throw new NoSuchElementException("no example left for a minibatch");
        }
        List<TrainingExample> batch = new ArrayList<>(batchSize);
        while (batch.size() < batchSize && examples.hasNext()) {
            batch.add(examples.next());
        }
        return TrainingBatches.toDataSet(batch, input, numLabels);
    }
}
