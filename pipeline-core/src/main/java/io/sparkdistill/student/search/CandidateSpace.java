package io.sparkdistill.student.search;

import io.sparkdistill.config.ClassWeighting;
import io.sparkdistill.config.RecipeSearchConfig;
import io.sparkdistill.config.StudentArchitecture;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The candidates the automatic recipe may try: the full grid of the config's lists, and a seeded sample of it when
 * the budget cannot train them all.
 */
public final class CandidateSpace {

    private CandidateSpace() {
    }

    /** Every combination, architectures outermost, in the lists' order. */
    public static List<Candidate> grid(RecipeSearchConfig search, List<Integer> augmentationCopies) {
        List<Candidate> grid = new ArrayList<>();
        for (StudentArchitecture architecture : search.architectures()) {
            for (double temperature : search.temperatures()) {
                for (double alpha : search.alphas()) {
                    for (ClassWeighting weighting : search.classWeightings()) {
                        for (int copies : augmentationCopies) {
                            grid.add(new Candidate(grid.size(), architecture, temperature, alpha, weighting,
                                    copies));
                        }
                    }
                }
            }
        }
        return grid;
    }

    /**
     * {@code n} candidates of {@code grid}, the same for the same seed, in grid order. The grid is shuffled with the
     * seed, then the sample takes the architectures in turn from it, so that every architecture is tried whenever
     * {@code n} allows: a plain random sample of a few could leave a whole family out.
     */
    public static List<Candidate> sample(List<Candidate> grid, int n, long seed) {
        if (n >= grid.size()) {
            return List.copyOf(grid);
        }
        List<Candidate> shuffled = new ArrayList<>(grid);
        Collections.shuffle(shuffled, new Random(seed));
        Map<Object, List<Candidate>> byArchitecture = new LinkedHashMap<>();
        grid.forEach(c -> byArchitecture.putIfAbsent(c.architecture(), new ArrayList<>()));
        shuffled.forEach(c -> byArchitecture.get(c.architecture()).add(c));
        List<Candidate> sample = new ArrayList<>(n);
        for (int round = 0; sample.size() < n; round++) {
            for (List<Candidate> family : byArchitecture.values()) {
                if (round < family.size() && sample.size() < n) {
                    sample.add(family.get(round));
                }
            }
        }
        sample.sort(Comparator.comparingInt(Candidate::index));
        return List.copyOf(sample);
    }
}
