package io.sparkdistill.student;

import io.sparkdistill.config.ClassWeighting;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The per-class weights of {@link DistillationLoss} ({@code hyperparameters.class_weighting}): with {@code balanced},
 * each class weighs the inverse of its frequency among the training split's gold labels, normalised so the weights
 * average 1 over the classes, so that a small class is not drowned by the large ones while the loss keeps its scale.
 * A class with no gold label is counted as having one (its weight is then the largest, not infinite).
 */
public final class ClassWeights {

    private ClassWeights() {
    }

    /**
     * The weights for {@code weighting}, in label order, or null for {@code none}.
     *
     * @param goldCounts label -> number of gold-labelled training examples; labels missing from it count 0
     */
    public static double[] of(ClassWeighting weighting, List<String> labels, Map<String, Long> goldCounts) {
        if (weighting == ClassWeighting.NONE) {
            return null;
        }
        double[] inverse = labels.stream()
                .mapToDouble(label -> 1.0 / Math.max(1L, goldCounts.getOrDefault(label, 0L)))
                .toArray();
        double mean = Arrays.stream(inverse).average().orElseThrow();
        return Arrays.stream(inverse).map(w -> w / mean).toArray();
    }
}
