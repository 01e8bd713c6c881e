package io.sparkdistill.student;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
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

    /** One minibatch: features {@code [n, buckets]} (dense), labels {@code [n, 2 * numLabels]}. */
    public static DataSet toDataSet(List<TrainingExample> examples, HashingFeaturizer featurizer, int numLabels) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("cannot build a minibatch from no examples");
        }
        float[][] features = new float[examples.size()][];
        float[][] labels = new float[examples.size()][2 * numLabels];
        for (int i = 0; i < examples.size(); i++) {
            TrainingExample example = examples.get(i);
            if (example.hardLabel() >= numLabels) {
                throw new IllegalArgumentException("example " + i + " has label index " + example.hardLabel()
                        + " but there are only " + numLabels + " labels");
            }
            features[i] = featurizer.dense(example.segments());
            if (example.labelled()) {
                labels[i][example.hardLabel()] = 1f;
            }
            float[] teacher = example.teacherProbabilities();
            if (teacher == null) {
                labels[i][numLabels + example.hardLabel()] = 1f;
            } else if (teacher.length != numLabels) {
                throw new IllegalArgumentException("example " + i + " has " + teacher.length
                        + " teacher probabilities but there are " + numLabels + " labels");
            } else {
                System.arraycopy(teacher, 0, labels[i], numLabels, numLabels);
            }
        }
        INDArray featureArray = Nd4j.create(features).castTo(DataType.FLOAT);
        INDArray labelArray = Nd4j.create(labels).castTo(DataType.FLOAT);
        return new DataSet(featureArray, labelArray);
    }
}
