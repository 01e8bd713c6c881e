package io.sparkdistill.student.search;

import io.sparkdistill.config.RecipeSearchConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SuccessiveHalvingTest {
    private static final List<Candidate> GRID = CandidateSpace.grid(new RecipeSearchConfig(true, null, null, null,
            null, null, null, null, null, null, null, null), List.of(0));

    /**
     * Trains like the real thing as far as the search can tell: each candidate's macro-F1 is a fixed curve of its
     * epochs, it keeps its best epoch, and a rung brings it to the rung's epochs from where it was.
     */
    private static final class CurveTrainer implements RungTrainer {
        final Map<Candidate, Integer> epochs = new LinkedHashMap<>();
        final List<Integer> rungSizes = new ArrayList<>();
        final List<Candidate> released = new ArrayList<>();
        private final ToDoubleFunction<Candidate> quality;
        private final double accuracy;

        CurveTrainer(ToDoubleFunction<Candidate> quality, double accuracy) {
            this.quality = quality;
            this.accuracy = accuracy;
        }

        @Override
        public Map<Candidate, CandidateProgress> train(HalvingPlan.Rung rung, List<Candidate> candidates) {
            rungSizes.add(candidates.size());
            Map<Candidate, CandidateProgress> out = new LinkedHashMap<>();
            for (Candidate c : candidates) {
                epochs.put(c, rung.epochs());
                double f1 = quality.applyAsDouble(c) * (1 - 1.0 / (rung.epochs() + 1));
                out.put(c, new CandidateProgress(rung.epochs(), rung.epochs(), false, f1, accuracy, f1));
            }
            return out;
        }

        @Override
        public void release(Candidate candidate) {
            released.add(candidate);
        }
    }

    @Test
    void theCandidateWithTheBestValidationMacroF1WinsAndTheOthersAreCutRungByRung() {
        HalvingPlan plan = HalvingPlan.of(9, 2, 10, 3);
        List<Candidate> sample = GRID.subList(0, 9);
        Candidate best = sample.get(6);
        CurveTrainer trainer = new CurveTrainer(c -> c == best ? 0.9 : 0.5 + c.index() * 0.01, 0.8);
        List<String> lines = new ArrayList<>();

        SuccessiveHalving.BracketOutcome outcome = SuccessiveHalving.run(0, plan, sample, 0.0, trainer,
                lines::add);

        assertEquals(best.name(), outcome.bracket().best());
        assertEquals(List.of(9, 3, 1), trainer.rungSizes);
        assertEquals(plan.epochs(), outcome.bracket().epochsUsed());
        assertEquals(plan.epochs(), outcome.bracket().epochsPlanned());
        assertEquals(1, outcome.finalists().size());
        RecipeSearchRecord.CandidateRecord winner = outcome.finalists().get(0);
        assertEquals(best, winner.candidate());
        assertNull(winner.eliminatedAtRung());
        assertEquals(10, winner.last().epochsTrained());
        assertEquals(3, winner.rungs().size());
        // The weakest six go at rung 0, the next two at rung 1.
        assertEquals(6, outcome.candidates().stream().filter(c -> Integer.valueOf(0).equals(c.eliminatedAtRung()))
                .count());
        assertEquals(2, outcome.candidates().stream().filter(c -> Integer.valueOf(1).equals(c.eliminatedAtRung()))
                .count());
        assertTrue(lines.get(0).startsWith("bracket 1, rung 1/3: 9 candidates x 2 epochs"), lines.get(0));
        assertEquals(Set.copyOf(trainer.released), outcome.candidates().stream()
                .filter(c -> c.eliminatedAtRung() != null).map(RecipeSearchRecord.CandidateRecord::candidate)
                .collect(Collectors.toSet()), "the cut ones, and only they, are released");
    }

    @Test
    void equalScoresGoToTheHigherAccuracyThenToTheCandidateFirstInTheGrid() {
        HalvingPlan plan = HalvingPlan.of(4, 1, 1, 2);
        List<Candidate> sample = GRID.subList(0, 4);
        RungTrainer byAccuracy = (rung, candidates) -> {
            Map<Candidate, CandidateProgress> out = new LinkedHashMap<>();
            candidates.forEach(c -> out.put(c, new CandidateProgress(1, 1, false, 0.7, c.index() == 2 ? 0.9 : 0.8,
                    0.7)));
            return out;
        };
        assertEquals(sample.get(2).name(), SuccessiveHalving.run(0, plan, sample, 0.0, byAccuracy,
                l -> { }).bracket().best());

        RungTrainer allEqual = (rung, candidates) -> {
            Map<Candidate, CandidateProgress> out = new LinkedHashMap<>();
            // Handed back in reverse: the order results arrive in must not matter.
            for (int i = candidates.size() - 1; i >= 0; i--) {
                out.put(candidates.get(i), new CandidateProgress(1, 1, false, 0.7, 0.8, 0.7));
            }
            return out;
        };
        for (int run = 0; run < 3; run++) {
            assertEquals(sample.get(0).name(), SuccessiveHalving.run(0, plan, sample, 0.0, allEqual,
                    l -> { }).bracket().best());
        }
    }

    @Test
    void aCandidateThatStoppedEarlyCountsOnlyTheEpochsItTrained() {
        HalvingPlan plan = HalvingPlan.of(3, 2, 6, 3);
        List<Candidate> sample = GRID.subList(0, 3);
        RungTrainer trainer = (rung, candidates) -> {
            Map<Candidate, CandidateProgress> out = new LinkedHashMap<>();
            // The first candidate peaks at once and stops after 3 epochs whatever the rung asks.
            candidates.forEach(c -> out.put(c, c.index() == 0
                    ? new CandidateProgress(Math.min(rung.epochs(), 3), 1, rung.epochs() > 2, 0.9, 0.9, 0.9)
                    : new CandidateProgress(rung.epochs(), rung.epochs(), false, 0.5, 0.5, 0.5)));
            return out;
        };
        RecipeSearchRecord.Bracket record = SuccessiveHalving.run(0, plan, sample, 0.0, trainer, l -> { })
                .bracket();
        assertEquals(sample.get(0).name(), record.best());
        assertEquals(2 + 2 + 3, record.epochsUsed());
        assertTrue(record.epochsUsed() < plan.epochs());
    }

    @Test
    void aTrainerThatGoesBeyondItsRungIsRefusedSinceTheBudgetWasCheckedAgainstThePlan() {
        HalvingPlan plan = HalvingPlan.of(2, 2, 6, 3);
        RungTrainer overshooting = (rung, candidates) -> {
            Map<Candidate, CandidateProgress> out = new LinkedHashMap<>();
            candidates.forEach(c -> out.put(c, new CandidateProgress(rung.epochs() + 1, 1, false, 0.5, 0.5, 0.5)));
            return out;
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SuccessiveHalving.run(0, plan, GRID.subList(0, 2), 0.0, overshooting, l -> { }));
        assertTrue(e.getMessage().contains("trained 3 epochs, beyond its rung's 2"), e.getMessage());
    }
}
