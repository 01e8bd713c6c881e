package io.sparkdistill.student.search;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HalvingPlanTest {

    @Test
    void nineCandidatesAtHalvingThreeKeepThreeThenOneAndTrainTheLastToTheCap() {
        HalvingPlan plan = HalvingPlan.of(9, 2, 10, 3);
        assertEquals(List.of(new HalvingPlan.Rung(0, 9, 2), new HalvingPlan.Rung(1, 3, 6),
                new HalvingPlan.Rung(2, 1, 10)), plan.rungs());
        // 9 x 2, then 3 x 4 more, then 1 x 4 more.
        assertEquals(18 + 12 + 4, plan.epochs());
        assertEquals(3, plan.survivors(0));
        assertEquals(0, plan.survivors(2));
    }

    @Test
    void whenTheCapIsReachedWithSeveralLeftTheyAreTheFinalists() {
        HalvingPlan plan = HalvingPlan.of(27, 2, 4, 3);
        assertEquals(List.of(new HalvingPlan.Rung(0, 27, 2), new HalvingPlan.Rung(1, 9, 4)), plan.rungs());
        assertEquals(54 + 18, plan.epochs());
    }

    @Test
    void theFittedPlanNeverExceedsItsBudgetAndLeavesNoRoomForOneMoreCandidate() {
        int checked = 0;
        for (int grid = 2; grid <= 60; grid += 3) {
            for (int budget = 1; budget <= 200; budget += 7) {
                for (int halving = 2; halving <= 4; halving++) {
                    for (int first = 1; first <= 3; first++) {
                        for (int max = first; max <= 12; max += 4) {
                            Optional<HalvingPlan> plan = HalvingPlan.fitting(grid, budget, first, max, halving);
                            if (plan.isEmpty()) {
                                assertTrue(HalvingPlan.of(2, first, max, halving).epochs() > budget);
                                continue;
                            }
                            HalvingPlan p = plan.get();
                            String what = grid + " " + budget + " " + halving + " " + first + " " + max;
                            assertTrue(p.epochs() <= budget, what);
                            assertTrue(p.candidates() <= grid && p.candidates() >= 2, what);
                            assertTrue(p.candidates() == grid
                                    || HalvingPlan.of(p.candidates() + 1, first, max, halving).epochs() > budget, what);
                            int cap = max;
                            assertTrue(p.rungs().stream().allMatch(r -> r.epochs() <= cap), what);
                            assertEquals(max, p.rungs().get(p.rungs().size() - 1).epochs(), what);
                            checked++;
                        }
                    }
                }
            }
        }
        assertTrue(checked > 1000, "plans checked: " + checked);
    }

    @Test
    void aBudgetTooSmallForTheWholeGridShrinksTheSample() {
        HalvingPlan plan = HalvingPlan.fitting(36, 40, 2, 10, 3).orElseThrow();
        assertEquals(11, plan.candidates());
        assertEquals(38, plan.epochs());
    }

    @Test
    void aBudgetBelowTwoCandidatesIsRefusedAndTheMinimumIsStated() {
        assertFalse(HalvingPlan.fitting(36, 11, 2, 10, 3).isPresent());
        // Two candidates for 2 epochs each, then the better one 8 more.
        assertEquals(12, HalvingPlan.minimumBudget(2, 10, 3));
        assertTrue(HalvingPlan.fitting(36, 12, 2, 10, 3).isPresent());
    }
}
