package io.sparkdistill.student;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns training examples into the DL4J {@link DataSet} the student fits on, with the labels laid out as
 * {@link DistillationLoss} reads them: {@code [n, 2C]}, the one-hot gold label then the teacher's probabilities.
 * A baseline example (no teacher) gets its one-hot gold label in the teacher half too, so the soft term then pulls
 * towards the gold label (and is unused anyway when alpha is 1). An unlabelled example gets an all-zero gold half,
 * which the loss reads as no gold term: it learns from the teacher alone.
 */
public final class TrainingBatches {

    private TrainingBatches() {
    }

    /**
     * One minibatch: the features (and mask) {@link StudentInput#batch} makes of the examples' texts, labels
     * {@code [n, 2 * numLabels]}.
     */
    public static DataSet toDataSet(List<TrainingExample> examples, StudentInput input, int numLabels) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("cannot build a minibatch from no examples");
        }
        int width = 2 * numLabels;
        // One flat array and one copy into ND4J, rather than an array per row and a cast afterwards.
        float[] labels = new float[examples.size() * width];
        List<List<String>> texts = new ArrayList<>(examples.size());
        for (int i = 0; i < examples.size(); i++) {
            TrainingExample example = examples.get(i);
            if (example.hardLabel() >= numLabels) {
                throw new IllegalArgumentException("example " + i + " has label index " + example.hardLabel()
                        + " but there are only " + numLabels + " labels");
            }
            texts.add(example.segments());
            int row = i * width;
            if (example.labelled()) {
                labels[row + example.hardLabel()] = 1f;
            }
            float[] teacher = example.teacherProbabilities();
            if (teacher == null) {
                labels[row + numLabels + example.hardLabel()] = 1f;
            } else if (teacher.length != numLabels) {
                throw new IllegalArgumentException("example " + i + " has " + teacher.length
                        + " teacher probabilities but there are " + numLabels + " labels");
            } else {
                System.arraycopy(teacher, 0, labels, row + numLabels, numLabels);
            }
        }
        BatchFeatures features = input.batch(texts);
        return new DataSet(features.features(), Nd4j.createFromArray(labels).reshape(examples.size(), width),
                features.mask(), null);
    }
}
