package io.sparkdistill.ingest;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which training examples keep their gold label ({@code data.labelled_fraction}, {@code data.labelled_seed}): the
 * situation distillation is for, where a teacher labels the data that gold labels do not cover. The embedded
 * teacher's head is fitted on this share, the baseline student trains on it alone, and the distilled student takes
 * the gold-label term of its loss only on it, learning from the teacher everywhere else.
 *
 * <p>Membership is a pure function of the seed and the example's stable id, so generate and train (run apart, on any
 * executor) agree on the same rows without storing a list, and a share of 0.2 holds every example of a share of 0.1
 * under the same seed.
 *
 * <p>A stratified share ({@code data.min_labelled_per_class}) also keeps, in each class, the examples whose
 * positions are among the class's k smallest, so that a small class is not left with no gold label at all by a small
 * fraction. It stays a function of the seed and the ids: the per-class cutoffs are computed from the training split
 * ({@link #stratified}), the same in generate and train.
 *
 * @param fraction     share of the training split that keeps its gold label, in (0, 1]; 1 keeps every label
 * @param seed         picks which examples; another seed picks another share of the same size
 * @param classCutoffs label -> position at or below which an example of that label is kept whatever the fraction;
 *                     empty for a share that is not stratified
 */
public record LabelledShare(double fraction, long seed, Map<String, Double> classCutoffs) implements Serializable {

    public LabelledShare {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("the labelled fraction must be in (0, 1], got " + fraction);
        }
        classCutoffs = classCutoffs == null ? Map.of() : new TreeMap<>(classCutoffs);
    }

    /** A share drawn uniformly over ids, whatever their class. */
    public LabelledShare(double fraction, long seed) {
        this(fraction, seed, Map.of());
    }

    /**
     * This share topped up per class: {@code smallestByLabel} holds, for each label, the k smallest positions of the
     * training examples with that gold label (see {@link #position}).
     */
    public LabelledShare stratified(Map<String, SmallestPositions> smallestByLabel) {
        Map<String, Double> cutoffs = new TreeMap<>();
        smallestByLabel.forEach((label, smallest) -> cutoffs.put(label, smallest.cutoff()));
        return new LabelledShare(fraction, seed, cutoffs);
    }

    public static LabelledShare all() {
        return new LabelledShare(1.0, 0);
    }

    public boolean keepsEveryLabel() {
        return fraction >= 1.0;
    }

    /** Whether the example with this id is in the uniform draw of {@code fraction}, whatever its class. */
    public boolean includes(String exampleId) {
        return keepsEveryLabel() || position(exampleId) < fraction;
    }

    /** Whether the example with this id and gold label keeps its label: in the uniform draw or its class's floor. */
    public boolean includes(String exampleId, String label) {
        return includes(exampleId) || position(exampleId) <= classCutoffs.getOrDefault(label, -1.0);
    }

    /** The example's place in [0, 1) under this seed: uniform over ids, independent of the fraction. */
    public double position(String exampleId) {
        return SeededHash.position(seed, exampleId);
    }
}
