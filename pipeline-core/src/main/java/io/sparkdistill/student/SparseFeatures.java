package io.sparkdistill.student;

import java.io.Serializable;

/**
 * A normalised bag of hashed features: which buckets fire and with what weight. Kept sparse because a text fires a
 * few dozen of the student's thousands of buckets, and the pure-Java prediction path only visits those.
 *
 * @param indices distinct bucket indices, ascending
 * @param values  the weight of each bucket (its share of all feature occurrences); they sum to 1 unless empty
 */
public record SparseFeatures(int[] indices, float[] values) implements Serializable {

    public SparseFeatures {
        if (indices.length != values.length) {
            throw new IllegalArgumentException("indices and values differ in length: "
                    + indices.length + " vs " + values.length);
        }
    }

    /** How many distinct buckets fire. */
    public int size() {
        return indices.length;
    }
}
