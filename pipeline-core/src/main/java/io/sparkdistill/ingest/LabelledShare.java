package io.sparkdistill.ingest;

import java.io.Serializable;

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
 * @param fraction share of the training split that keeps its gold label, in (0, 1]; 1 keeps every label
 * @param seed     picks which examples; another seed picks another share of the same size
 */
public record LabelledShare(double fraction, long seed) implements Serializable {

    public LabelledShare {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("the labelled fraction must be in (0, 1], got " + fraction);
        }
    }

    public static LabelledShare all() {
        return new LabelledShare(1.0, 0);
    }

    public boolean keepsEveryLabel() {
        return fraction >= 1.0;
    }

    /** Whether the example with this id keeps its gold label. */
    public boolean includes(String exampleId) {
        return keepsEveryLabel() || position(exampleId) < fraction;
    }

    /** The example's place in [0, 1) under this seed: uniform over ids, independent of the fraction. */
    double position(String exampleId) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < exampleId.length(); i++) {
            h = (h ^ exampleId.charAt(i)) * 0x100000001B3L;
        }
        // SplitMix64's finaliser spreads the bits, so neighbouring ids land far apart.
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        h = h ^ (h >>> 31);
        return (h >>> 11) * 0x1.0p-53;
    }
}
