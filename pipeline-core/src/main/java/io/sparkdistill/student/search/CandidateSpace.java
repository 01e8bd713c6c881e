package io.sparkdistill.student.search;

import io.sparkdistill.config.ClassWeighting;
import io.sparkdistill.config.RecipeSearchConfig;
import io.sparkdistill.config.StudentArchitecture;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The candidates the automatic recipe may try: the full grid of the config's lists, and the seeded order its
 * brackets draw them in when the budget cannot train them all.
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
     * The whole grid in the order the search draws it, the same for the same seed: the grid is shuffled with the
     * seed, then the order takes the architectures in turn from it, so that every architecture is tried whenever the
     * first bracket's size allows (a plain random sample of a few could leave a whole family out) and each later
     * bracket goes on with the families in turn.
     */
    public static List<Candidate> order(List<Candidate> grid, long seed) {
        List<Candidate> shuffled = new ArrayList<>(grid);
        Collections.shuffle(shuffled, new Random(seed));
        Map<Object, List<Candidate>> byArchitecture = new LinkedHashMap<>();
        grid.forEach(c -> byArchitecture.putIfAbsent(c.architecture(), new ArrayList<>()));
        shuffled.forEach(c -> byArchitecture.get(c.architecture()).add(c));
        List<Candidate> order = new ArrayList<>(grid.size());
        for (int round = 0; order.size() < grid.size(); round++) {
            for (List<Candidate> family : byArchitecture.values()) {
                if (round < family.size()) {
                    order.add(family.get(round));
                }
            }
        }
        return List.copyOf(order);
    }
}
