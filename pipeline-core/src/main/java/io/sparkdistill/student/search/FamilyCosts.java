package io.sparkdistill.student.search;

import io.sparkdistill.config.StudentArchitecture;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * What each label family costs per example on the data at hand, which orders the families for
 * {@code search.prefer_faster_within}: a costlier family must win by the margin for each family cheaper than it. The
 * order follows from the data, not from the families' names: a fastText student's cost grows with the character
 * n-grams of every word, a cnn's with the words it reads, so on long texts the cnn is the cheaper one.
 *
 * @param perExample each family's mean cost per example, in multiply-adds, or (for {@link #byShape}) its place in
 *                   the order fasttext, cnn, bilstm
 * @param measured   whether the costs were counted on examples rather than assumed from the families' shapes
 */
public record FamilyCosts(Map<StudentArchitecture, Double> perExample, boolean measured) {

    public FamilyCosts {
        perExample = Collections.unmodifiableMap(new LinkedHashMap<>(perExample));
    }

    /** The order the families' shapes suggest when nothing was counted: fasttext, cnn, bilstm. */
    public static FamilyCosts byShape(Collection<StudentArchitecture> families) {
        Map<StudentArchitecture, Double> ranks = new LinkedHashMap<>();
        families.forEach(f -> ranks.put(f, (double) f.costRank()));
        return new FamilyCosts(ranks, false);
    }

    /** Every label family in the order of its shape. */
    public static FamilyCosts byShape() {
        return byShape(Arrays.stream(StudentArchitecture.values()).filter(StudentArchitecture::labelStudent).toList());
    }

    /** Each family's mean of {@code cost} over {@code sample}, one example's input texts per element. */
    public static FamilyCosts counted(Map<StudentArchitecture, ToLongFunction<List<String>>> cost,
                                      List<List<String>> sample) {
        if (sample.isEmpty()) {
            return byShape(cost.keySet());
        }
        Map<StudentArchitecture, Double> means = new LinkedHashMap<>();
        cost.forEach((family, f) -> means.put(family, sample.stream().mapToLong(f).average().orElseThrow()));
        return new FamilyCosts(means, true);
    }

    /** How many of the families are cheaper than {@code family}: 0 for the cheapest; equal costs share a rank. */
    public int rank(StudentArchitecture family) {
        Double own = perExample.get(family);
        if (own == null) {
            throw new IllegalArgumentException(family + " has no cost among " + perExample.keySet());
        }
        return (int) perExample.values().stream().filter(c -> c < own).count();
    }

    /** The families, cheapest first. */
    public List<StudentArchitecture> order() {
        return perExample.keySet().stream().sorted(Comparator.comparingInt(this::rank)).toList();
    }
}
