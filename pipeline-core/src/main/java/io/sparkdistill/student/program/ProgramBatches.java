package io.sparkdistill.student.program;

import io.sparkdistill.student.text.TextExample;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Minibatches of the usable examples, made lazily as the training master pulls them: features {@code [ngrams,
 * meaning]} and the soft shape target. Examples whose answers give no kept shape are skipped (the family's
 * {@code unusable} reports them).
 */
final class ProgramBatches implements Iterator<MultiDataSet> {
    private final Iterator<TextExample> examples;
    private final int batchSize;
    private final int buckets;
    private final QuestionReader reader;
    private final Map<String, Integer> index;
    private MultiDataSet next;

    ProgramBatches(ProgramSpace space, Iterator<TextExample> examples, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.examples = examples;
        this.batchSize = batchSize;
        this.buckets = space.buckets();
        this.reader = new QuestionReader(space);
        this.index = space.shapeIndex();
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = fill();
        }
        return next != null;
    }

    @Override
    public MultiDataSet next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        MultiDataSet batch = next;
        next = null;
        return batch;
    }

    private MultiDataSet fill() {
        List<float[]> ngrams = new ArrayList<>(batchSize);
        List<float[]> meanings = new ArrayList<>(batchSize);
        List<float[]> targets = new ArrayList<>(batchSize);
        while (targets.size() < batchSize && examples.hasNext()) {
            TextExample example = examples.next();
            float[] target = ShapeTargets.distribution(example, index);
            if (target != null) {
                QuestionReader.Read read = reader.read(ProgramFamily.question(example.inputs()));
                ngrams.add(read.denseNgrams(buckets));
                meanings.add(read.meaning());
                targets.add(target);
            }
        }
        if (targets.isEmpty()) {
            return null;
        }
        return new org.nd4j.linalg.dataset.MultiDataSet(
                new INDArray[] {
                        Nd4j.create(ngrams.toArray(new float[0][])), Nd4j.create(meanings.toArray(new float[0][]))},
                new INDArray[] {Nd4j.create(targets.toArray(new float[0][]))});
    }
}
