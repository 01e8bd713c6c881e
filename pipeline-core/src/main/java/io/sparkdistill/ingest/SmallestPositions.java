package io.sparkdistill.ingest;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The {@code k} smallest {@link LabelledShare} positions seen among one class's training examples: the summary a
 * stratified share needs, small whatever the class's size, and mergeable so that Spark can build it per partition.
 */
public final class SmallestPositions implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int k;
    private double[] kept = new double[0];

    public SmallestPositions(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be zero or more, got " + k);
        }
        this.k = k;
    }

    /** Adds one example's position; returns this, for Spark's aggregators. */
    public SmallestPositions add(double position) {
        return merge(new double[]{position});
    }

    /** Adds every position {@code other} kept; returns this. */
    public SmallestPositions merge(SmallestPositions other) {
        return merge(other.kept);
    }

    private SmallestPositions merge(double[] positions) {
        double[] all = Arrays.copyOf(kept, kept.length + positions.length);
        System.arraycopy(positions, 0, all, kept.length, positions.length);
        Arrays.sort(all);
        kept = Arrays.copyOf(all, Math.min(k, all.length));
        return this;
    }

    /**
     * The largest position kept: at or below it lie the class's {@code k} first examples (all of them when the class
     * has fewer); -1 when nothing is kept, which no position reaches.
     */
    public double cutoff() {
        return kept.length == 0 ? -1 : kept[kept.length - 1];
    }
}
