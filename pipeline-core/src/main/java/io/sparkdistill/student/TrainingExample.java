package io.sparkdistill.student;

import java.io.Serializable;
import java.util.List;

/**
 * What the student learns from one example: its input texts, the gold label, and the teacher's soft labels.
 *
 * @param segments             the input texts in the task's field order
 * @param hardLabel            index of the gold label in the job's label list, or {@link #UNLABELLED} for an example
 *                             outside the labelled share, which learns from the teacher alone
 * @param teacherProbabilities the teacher's probabilities at the distillation temperature, one per label; null for
 *                             the baseline student, which learns from gold labels only
 */
public record TrainingExample(List<String> segments, int hardLabel, float[] teacherProbabilities)
        implements Serializable {

    /** The hard label of an example whose gold label the run may not use (outside {@code data.labelled_fraction}). */
    public static final int UNLABELLED = -1;

    public TrainingExample {
        segments = List.copyOf(segments);
        if (hardLabel < UNLABELLED) {
            throw new IllegalArgumentException("hardLabel must be a label index (>= 0) or UNLABELLED, got " + hardLabel);
        }
        if (hardLabel == UNLABELLED && teacherProbabilities == null) {
            throw new IllegalArgumentException("an example without a gold label needs the teacher's probabilities");
        }
    }

    public boolean labelled() {
        return hardLabel != UNLABELLED;
    }

    /** An example for the baseline student: gold label only. */
    public static TrainingExample gold(List<String> segments, int hardLabel) {
        return new TrainingExample(segments, hardLabel, null);
    }
}
