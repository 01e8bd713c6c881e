package io.sparkdistill.student;

import java.io.Serializable;
import java.util.List;

/**
 * What the student learns from one example: its input texts, the gold label, and the teacher's soft labels.
 *
 * @param segments             the input texts in the task's field order
 * @param hardLabel            index of the gold label in the job's label list
 * @param teacherProbabilities the teacher's probabilities at the distillation temperature, one per label; null for
 *                             the baseline student, which learns from gold labels only
 */
public record TrainingExample(List<String> segments, int hardLabel, float[] teacherProbabilities)
        implements Serializable {

    public TrainingExample {
        segments = List.copyOf(segments);
        if (hardLabel < 0) {
            throw new IllegalArgumentException("hardLabel must be a label index (>= 0), got " + hardLabel);
        }
    }

    /** An example for the baseline student: gold label only. */
    public static TrainingExample gold(List<String> segments, int hardLabel) {
        return new TrainingExample(segments, hardLabel, null);
    }
}
