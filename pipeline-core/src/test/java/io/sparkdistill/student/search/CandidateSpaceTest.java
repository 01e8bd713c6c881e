package io.sparkdistill.student.search;

import io.sparkdistill.config.ClassWeighting;
import io.sparkdistill.config.RecipeSearchConfig;
import io.sparkdistill.config.StudentArchitecture;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class CandidateSpaceTest {
    private static final RecipeSearchConfig DEFAULTS = new RecipeSearchConfig(true, null, null, null, null, null,
            null, null, null, null, null, null);

    @Test
    void theDefaultGridCrossesEveryLabelFamilyWithThreeTemperaturesThreeAlphasAndBothWeightings() {
        List<Candidate> grid = CandidateSpace.grid(DEFAULTS, List.of(0));
        long families = java.util.Arrays.stream(StudentArchitecture.values())
                .filter(StudentArchitecture::labelStudent).count();
        assertEquals(families * 3 * 3 * 2, grid.size());
        assertEquals(new Candidate(0, StudentArchitecture.FASTTEXT, 1.0, 0.1, ClassWeighting.NONE, 0), grid.get(0));
        assertEquals(grid.size(), grid.stream().map(Candidate::name).distinct().count(), "names are unique");
    }

    @Test
    void theSameSeedDrawsTheSameOrderAndItsFirstCandidatesCoverEveryArchitecture() {
        List<Candidate> grid = CandidateSpace.grid(DEFAULTS, List.of(0, 4));
        List<Candidate> order = CandidateSpace.order(grid, 42);
        assertEquals(order, CandidateSpace.order(grid, 42));
        assertNotEquals(order, CandidateSpace.order(grid, 43));
        assertEquals(Set.copyOf(grid), Set.copyOf(order));
        assertEquals(grid.size(), order.size(), "every candidate once");
        int families = DEFAULTS.architectures().size();
        for (int from = 0; from + families <= grid.size(); from += families) {
            assertEquals(Set.copyOf(DEFAULTS.architectures()), order.subList(from, from + families).stream()
                    .map(Candidate::architecture).collect(Collectors.toSet()), "the families in turn from " + from);
        }
    }
}
