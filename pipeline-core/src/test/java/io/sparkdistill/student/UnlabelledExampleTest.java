package io.sparkdistill.student;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** An example outside the labelled share learns from the teacher alone: no gold term in its loss or gradient. */
class UnlabelledExampleTest {
    private static final HashingFeaturizer FEATURIZER = new HashingFeaturizer(64, 1, 0);

    @Test
    void anUnlabelledExampleGetsAnAllZeroGoldHalfAndKeepsTheTeachersProbabilities() {
        float[] teacher = {0.2f, 0.7f, 0.1f};
        DataSet batch = TrainingBatches.toDataSet(List.of(
                new TrainingExample(List.of("refund please"), TrainingExample.UNLABELLED, teacher),
                new TrainingExample(List.of("card charged twice"), 2, teacher)), FEATURIZER, 3);
        INDArray labels = batch.getLabels();
        assertArrayEquals(new float[]{0, 0, 0, 0.2f, 0.7f, 0.1f}, labels.getRow(0).toFloatVector(), 1e-7f);
        assertArrayEquals(new float[]{0, 0, 1, 0.2f, 0.7f, 0.1f}, labels.getRow(1).toFloatVector(), 1e-7f);
    }

    @Test
    void itsLossAndGradientAreTheTeacherTermAlone() {
        float[] logits = {1.5f, -0.5f, 0.25f};
        float[] teacher = {0.2f, 0.7f, 0.1f};
        double alpha = 0.4;
        double temperature = 2.0;
        DistillationLoss loss = new DistillationLoss(alpha, temperature);
        INDArray labels = Nd4j.create(new float[][]{{0, 0, 0, 0.2f, 0.7f, 0.1f}});
        INDArray preOutput = Nd4j.create(new float[][]{logits});

        double expected = DistillationLoss.value(logits, new float[3], teacher, 0.0, temperature) * (1 - alpha);
        assertEquals(expected, loss.computeScore(labels, preOutput, new ActivationIdentity(), null, true), 1e-5);

        // With alpha 0 the loss is the teacher term alone: the unlabelled row's gradient is that one, scaled.
        INDArray teacherOnly = new DistillationLoss(0.0, temperature)
                .computeGradient(labels, preOutput, new ActivationIdentity(), null).mul(1 - alpha);
        assertArrayEquals(teacherOnly.toFloatVector(),
                loss.computeGradient(labels, preOutput, new ActivationIdentity(), null).toFloatVector(), 1e-6f);
    }

    @Test
    void anExampleWithNeitherGoldLabelNorTeacherIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new TrainingExample(List.of("text"), TrainingExample.UNLABELLED, null));
        assertThrows(IllegalArgumentException.class, () -> new TrainingExample(List.of("text"), -2, new float[2]));
    }
}
