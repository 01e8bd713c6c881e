package io.sparkdistill.student.search;

import io.sparkdistill.config.ClassWeighting;
import io.sparkdistill.config.RecipeSearchConfig;
import io.sparkdistill.config.StudentArchitecture;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BracketedSearchTest {
    /** Every label family x 3 temperatures x 3 alphas x 2 weightings x 4 copy counts: 216 candidates. */
    private static final List<Candidate> GRID = CandidateSpace.grid(new RecipeSearchConfig(true, null, null, null,
            null, null, null, null, null, null, null, null), List.of(0, 1, 2, 3));

    /**
     * Trains as the search sees it: a candidate's validation macro-F1 is its quality from the first epoch on, and
     * early stopping ends it at its own epoch whatever the rung asks. It refuses to train a released candidate.
     */
    private static final class EarlyStoppingTrainer implements RungTrainer {
        final Set<Candidate> released = new HashSet<>();
        final List<Candidate> trainedFirst = new ArrayList<>();
        private final Map<Candidate, Integer> epochs = new LinkedHashMap<>();
        private final ToIntFunction<Candidate> stopsAfter;
        private final ToDoubleFunction<Candidate> quality;

        EarlyStoppingTrainer(ToIntFunction<Candidate> stopsAfter, ToDoubleFunction<Candidate> quality) {
            this.stopsAfter = stopsAfter;
            this.quality = quality;
        }

        @Override
        public Map<Candidate, CandidateProgress> train(HalvingPlan.Rung rung, List<Candidate> candidates) {
            Map<Candidate, CandidateProgress> out = new LinkedHashMap<>();
            for (Candidate c : candidates) {
                assertFalse(released.contains(c), c.name() + " trained after its release");
                if (!epochs.containsKey(c)) {
                    trainedFirst.add(c);
                }
                int stop = stopsAfter.applyAsInt(c);
                int trained = Math.max(epochs.getOrDefault(c, 0), Math.min(rung.epochs(), stop));
                epochs.put(c, trained);
                double f1 = quality.applyAsDouble(c);
                out.put(c, new CandidateProgress(trained, 1, rung.epochs() > stop, f1, 0.5, f1));
            }
            return out;
        }

        @Override
        public void release(Candidate candidate) {
            released.add(candidate);
        }
    }

    @Test
    void theBudgetIsNeverExceededWhateverTheSpaceTheBudgetAndWhereEarlyStoppingEndsEachCandidate() {
        Random random = new Random(13);
        int searched = 0;
        int withLaterBrackets = 0;
        for (int trial = 0; trial < 600; trial++) {
            List<Candidate> grid = GRID.subList(0, 2 + random.nextInt(GRID.size() - 1));
            int budget = 1 + random.nextInt(300);
            int first = 1 + random.nextInt(4);
            int max = first + random.nextInt(30);
            int halving = 2 + random.nextInt(3);
            if (HalvingPlan.fitting(grid.size(), budget, first, max, halving).isEmpty()) {
                continue;
            }
            SearchSetup setup = SearchSetup.of(grid, trial, budget, first, max, halving, random.nextDouble() * 0.05);
            long seed = random.nextLong();
            EarlyStoppingTrainer trainer = new EarlyStoppingTrainer(
                    c -> 1 + new Random(seed + c.index()).nextInt(max),
                    c -> new Random(seed - c.index()).nextDouble());
            String what = "grid " + grid.size() + ", budget " + budget + ", first " + first + ", max " + max
                    + ", halving " + halving;

            RecipeSearchRecord record = BracketedSearch.run(setup, trainer, l -> { });

            assertTrue(record.epochsUsed() <= budget, what + ": used " + record.epochsUsed());
            assertEquals(record.epochsUsed(), record.candidates().stream().mapToInt(c -> c.last().epochsTrained())
                    .sum(), what);
            assertEquals(record.epochsUsed(), record.brackets().stream()
                    .mapToInt(RecipeSearchRecord.Bracket::epochsUsed).sum(), what);
            assertTrue(record.brackets().stream().allMatch(b -> b.epochsUsed() <= b.epochsPlanned()), what);
            assertEquals(record.candidates().size(), new HashSet<>(trainer.trainedFirst).size(),
                    what + ": no candidate is tried twice");
            // What is left when the search ends is too little for a first rung, or nothing is left to try.
            assertTrue(record.candidates().size() == grid.size() || budget - record.epochsUsed() < first,
                    what + ": stopped with " + (budget - record.epochsUsed()) + " epochs left");
            assertFalse(trainer.released.contains(record.winnerRecord().candidate()), what);
            assertTrue(record.winnerRecord().eliminatedAtRung() == null, what + ": the winner is a finalist");
            searched++;
            withLaterBrackets += record.brackets().size() > 1 ? 1 : 0;
        }
        assertTrue(searched > 300, "searches checked: " + searched);
        assertTrue(withLaterBrackets > searched / 3, "searches with a later bracket: " + withLaterBrackets);
    }

    @Test
    void whatEarlyStoppingLeavesRunsFurtherBracketsOfUntriedCandidatesAndTheBestOfAllWins() {
        // The real-data recipe's shape: 40 epochs, first cut after 2, at most 30 each; every candidate peaks at once
        // and early stopping ends it after 6 epochs, as the fortunes runs did.
        SearchSetup setup = SearchSetup.of(GRID, 2, 40, 2, 30, 3, 0.0);
        Candidate late = setup.order().get(setup.plan().candidates() + 2);
        EarlyStoppingTrainer trainer = new EarlyStoppingTrainer(c -> 6, c -> c == late ? 0.9 : 0.5 + c.index() / 1e3);
        List<String> lines = new ArrayList<>();

        RecipeSearchRecord record = BracketedSearch.run(setup, trainer, lines::add);

        // Bracket 1: 5 candidates x 2 epochs, the best on to 6 (planned to 30): 14 of its 38. Bracket 2 judges after
        // 6 epochs: 4 candidates x 6 = 24 of the 26 left, its best planned on to 8. Bracket 3: one for the last 2.
        assertEquals(List.of(38, 26, 2), record.brackets().stream().map(RecipeSearchRecord.Bracket::epochsPlanned)
                .toList());
        assertEquals(List.of(14, 24, 2), record.brackets().stream().map(RecipeSearchRecord.Bracket::epochsUsed)
                .toList());
        assertEquals(40, record.epochsUsed());
        assertEquals(5 + 4 + 1, record.candidates().size());
        assertEquals(setup.order().subList(0, 10), trainer.trainedFirst.stream()
                .sorted(java.util.Comparator.comparingInt(c -> setup.order().indexOf(c))).toList(),
                "brackets draw the seeded order on");
        assertEquals(late.name(), record.winner(), "the best over all brackets wins, from bracket 2");
        assertEquals(1, record.winnerRecord().bracket());
        assertEquals(record.winner(), record.bestScoring());
        assertTrue(lines.contains("bracket 2: 4 of the 211 untried candidates, at most 26 of the 26 epochs left"),
                lines.toString());

        assertEquals(record, BracketedSearch.run(setup, new EarlyStoppingTrainer(c -> 6,
                c -> c == late ? 0.9 : 0.5 + c.index() / 1e3), l -> { }), "the same scores give the same search");
    }

    @Test
    void aSlowerFamilyMustWinByTheMarginForEachStepUpTheSpeedOrder() {
        RecipeSearchRecord.CandidateRecord bilstm = finalist(0, StudentArchitecture.BILSTM, 0.700);
        RecipeSearchRecord.CandidateRecord cnn = finalist(1, StudentArchitecture.CNN, 0.690);
        RecipeSearchRecord.CandidateRecord weakerCnn = finalist(2, StudentArchitecture.CNN, 0.685);
        RecipeSearchRecord.CandidateRecord fasttext = finalist(3, StudentArchitecture.FASTTEXT, 0.600);
        List<RecipeSearchRecord.CandidateRecord> finalists = List.of(bilstm, cnn, weakerCnn, fasttext);

        assertEquals(cnn, first(finalists, 0.02), "0.010 behind, at a fraction of the cost");
        assertEquals(bilstm, first(finalists, 0.005), "more than the margin ahead");
        assertEquals(bilstm, first(finalists, 0.0), "a margin of 0 takes the best score");
        assertEquals(fasttext, first(finalists, 0.1), "the cnn 0.090 ahead of fastText, under the 0.100 it needs");
        RecipeSearchRecord.CandidateRecord clearlyBetter = finalist(4, StudentArchitecture.BILSTM, 0.760);
        assertEquals(clearlyBetter, first(List.of(clearlyBetter, cnn, fasttext), 0.02), "0.070 ahead of the cnn");
    }

    private static RecipeSearchRecord.CandidateRecord first(List<RecipeSearchRecord.CandidateRecord> finalists,
                                                            double margin) {
        return finalists.stream().min(SuccessiveHalving.recordRanking(margin)).orElseThrow();
    }

    @Test
    void aSearchWhoseBestScoreIsASlowFamilyRecordsBothTheBestScoreAndTheFasterWinner() {
        SearchSetup setup = SearchSetup.of(GRID, 5, 40, 2, 30, 3, 0.02);
        RecipeSearchRecord record = BracketedSearch.run(setup, new EarlyStoppingTrainer(c -> 6,
                c -> c.architecture() == StudentArchitecture.BILSTM ? 0.71 : 0.70 - c.index() / 1e4), l -> { });
        assertEquals(StudentArchitecture.BILSTM, record.bestScoringRecord().candidate().architecture());
        assertTrue(record.winnerRecord().candidate().architecture().costRank()
                < StudentArchitecture.BILSTM.costRank(), record.winner());
        assertEquals(0.02, record.preferFasterWithin());
    }

    private static RecipeSearchRecord.CandidateRecord finalist(int index, StudentArchitecture family, double f1) {
        Candidate c = new Candidate(index, family, 2.0, 0.3, ClassWeighting.NONE, 0);
        return new RecipeSearchRecord.CandidateRecord(c.name(), c, 0, List.of(new CandidateProgress(6, 1, true, f1,
                0.5, f1)), null);
    }
}
