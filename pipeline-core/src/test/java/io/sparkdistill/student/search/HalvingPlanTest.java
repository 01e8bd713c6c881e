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

    @Test
    void aLaterBracketJudgesAfterHalvingTimesTheEpochsOfTheOneBeforeAndTakesWhatTheBudgetLeftHolds() {
        // 26 epochs left: bracket 2 judges after 2 x 3 = 6 epochs, 4 candidates, its best on to 8.
        HalvingPlan second = HalvingPlan.nextBracket(1, 100, 26, 2, 30, 3).orElseThrow();
        assertEquals(List.of(new HalvingPlan.Rung(0, 4, 6), new HalvingPlan.Rung(1, 1, 8)), second.rungs());
        assertEquals(26, second.epochs());
        // Bracket 3 judges after 18: 5 candidates fit in 100, their best on to 28.
        HalvingPlan third = HalvingPlan.nextBracket(2, 100, 100, 2, 30, 3).orElseThrow();
        assertEquals(List.of(new HalvingPlan.Rung(0, 5, 18), new HalvingPlan.Rung(1, 1, 28)), third.rungs());
        // With room for it, the survivor trains to the cap.
        assertEquals(30, HalvingPlan.nextBracket(2, 3, 100, 2, 30, 3).orElseThrow().rungs().get(1).epochs());
        // Too little left for a first rung, or nothing left to try: no bracket.
        assertTrue(HalvingPlan.nextBracket(1, 100, 1, 2, 30, 3).isEmpty());
        assertTrue(HalvingPlan.nextBracket(1, 0, 50, 2, 30, 3).isEmpty());
        // Less left than the bracket's first rung: one candidate for what is left.
        assertEquals(List.of(new HalvingPlan.Rung(0, 1, 4)), HalvingPlan.nextBracket(3, 100, 4, 2, 30, 3)
                .orElseThrow().rungs());
    }

    @Test
    void aLaterBracketsPlanNeverExceedsTheBudgetLeftNorItsCapAndTriesAsManyAsFit() {
        int checked = 0;
        for (int bracket = 1; bracket <= 4; bracket++) {
            for (int untried = 0; untried <= 40; untried += 3) {
                for (int left = 0; left <= 120; left += 5) {
                    for (int first = 1; first <= 3; first++) {
                        for (int max = first; max <= 30; max += 7) {
                            for (int halving = 2; halving <= 4; halving++) {
                                Optional<HalvingPlan> plan = HalvingPlan.nextBracket(bracket, untried, left, first,
                                        max, halving);
                                String what = bracket + " " + untried + " " + left + " " + first + " " + max + " "
                                        + halving;
                                assertEquals(untried > 0 && left >= first, plan.isPresent(), what);
                                if (plan.isEmpty()) {
                                    continue;
                                }
                                HalvingPlan p = plan.get();
                                assertTrue(p.epochs() <= left, what);
                                assertTrue(p.candidates() <= untried, what);
                                int cap = max;
                                assertTrue(p.rungs().stream().allMatch(r -> r.epochs() <= cap), what);
                                assertTrue(p.rungs().get(0).epochs() >= first, what);
                                checked++;
                            }
                        }
                    }
                }
            }
        }
        assertTrue(checked > 5000, "plans checked: " + checked);
    }
}
