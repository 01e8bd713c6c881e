package io.sparkdistill.student;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A partition's examples as minibatches, each built when it is asked for: an executor then holds one minibatch's
 * arrays at a time, however large its partition (a list of a whole partition's batches ran 100,000 fastText examples
 * out of off-heap memory). The last minibatch holds what is left.
 *
 * <p>When the input pads each minibatch to its longest example ({@link StudentInput#padsToLongest}), examples are
 * read a window of {@value #WINDOW_BATCHES} minibatches at a time and sorted by text length within it, so that a
 * minibatch holds texts of similar length: on the fortunes data a minibatch of 32 in the seeded order was padded to
 * 4.3 times its texts' mean bucket count, sorted to about 1.2. The window's minibatches go shortest first.
 */
public final class MinibatchIterator implements Iterator<DataSet> {
    /** Minibatches read and sorted together when the input pads to the longest example. */
    public static final int WINDOW_BATCHES = 32;

    private final Iterator<TrainingExample> examples;
    private final int batchSize;
    private final StudentInput input;
    private final int numLabels;
    private final Deque<List<TrainingExample>> window = new ArrayDeque<>();

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
        return !window.isEmpty() || examples.hasNext();
    }

    @Override
    public DataSet next() {
        if (window.isEmpty()) {
            readWindow();
        }
        return TrainingBatches.toDataSet(window.removeFirst(), input, numLabels);
    }

    private void readWindow() {
        if (!examples.hasNext()) {
            throw new NoSuchElementException("no example left for a minibatch");
        }
        int size = input.padsToLongest() ? WINDOW_BATCHES * batchSize : batchSize;
        List<TrainingExample> read = new ArrayList<>(size);
        while (read.size() < size && examples.hasNext()) {
            read.add(examples.next());
        }
        if (input.padsToLongest()) {
            read.sort(Comparator.comparingInt(MinibatchIterator::textLength)); // stable: ties keep the seeded order
        }
        for (int from = 0; from < read.size(); from += batchSize) {
            window.addLast(read.subList(from, Math.min(read.size(), from + batchSize)));
        }
    }

    private static int textLength(TrainingExample example) {
        int length = 0;
        for (String segment : example.segments()) {
            length += segment == null ? 0 : segment.length();
        }
        return length;
    }
}
