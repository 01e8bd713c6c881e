package io.sparkdistill.jobs.train;

import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.RunLayout;
import io.sparkdistill.jobs.SharedSpark;
import io.sparkdistill.jobs.TestJobs;
import io.sparkdistill.jobs.generate.GenerateJob;
import io.sparkdistill.jobs.store.TrainSummary;
import io.sparkdistill.student.StudentModel;
import io.sparkdistill.student.search.RecipeSearchRecord;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The automatic recipe on the customer-support sample with a tiny budget: the search records every candidate, spends
 * no more than its budget, saves the best finalist as the distilled student, and picks the same winner with the same
 * scores when run again with the same seed. The baseline is not mixed in here ({@link MixedSoftLabelsTrainTest} covers
 * that), so it trains once, after the search, with the winner's architecture.
 */
@Tag("slow")
class AutomaticRecipeTest {

    @Test
    void theSearchStaysInItsBudgetSavesTheBestFinalistAndRepeatsItselfWithTheSameSeed() throws Exception {
        SparkSession spark = SharedSpark.session();
        Path data = TestJobs.copySamples("customer-support");
        // 2 architectures x 2 temperatures = 4 candidates; 4 epochs hold a sample of 3 for one epoch each, then the
        // best one on to num_epochs (2).
        JobConfig config = ConfigLoader.parse(TestJobs.yaml("customer-support", data)
                .replace("num_epochs: 10", "num_epochs: 2")
                .replaceAll("(?m)^  (temperature|alpha): .*\\n", "")
                + """
                search:
                  enabled: true
                  budget_epochs: 4
                  architectures: [fasttext, cnn]
                  temperatures: [1, 4]
                  alphas: [0.3]
                  class_weightings: [none]
                  first_rung_epochs: 1
                  concurrent_candidates: 2
                  prefer_faster_within: 0
                  mix_in_baseline: false
                """, "automatic recipe test");
        RunContext run = RunContext.create(config, spark);
        new GenerateJob(run).run();

        long start = System.nanoTime();
        TrainSummary first = new TrainJob(run).run();
        System.out.printf("[automatic recipe test] first search and baseline: %.1f s%n",
                (System.nanoTime() - start) / 1e9);
        RecipeSearchRecord search = first.search();
        assertNotNull(search, "train-summary.json records the search");

        assertEquals(4, search.gridSize());
        assertEquals(3, search.candidates().size());
        assertEquals(4, search.budgetEpochs());
        assertTrue(search.epochsUsed() <= search.budgetEpochs(), "used " + search.epochsUsed());
        assertEquals(search.epochsUsed(), search.candidates().stream().mapToInt(c -> c.last().epochsTrained()).sum());
        assertEquals(search.epochsUsed(), search.brackets().stream().mapToInt(RecipeSearchRecord.Bracket::epochsUsed)
                .sum(), "train-summary.json records the brackets");
        for (RecipeSearchRecord.CandidateRecord c : search.candidates()) {
            assertTrue(c.rungs().get(0).epochsTrained() >= 1, c.name());
            assertTrue(c.rungs().stream().allMatch(p -> p.validationMacroF1() >= 0 && p.validationMacroF1() <= 1),
                    c.name());
        }
        assertEquals(2, search.candidates().stream().filter(c -> Integer.valueOf(0).equals(c.eliminatedAtRung()))
                .count(), "rung 0 keeps one of 3");

        RecipeSearchRecord.CandidateRecord winner = search.winnerRecord();
        assertNull(winner.eliminatedAtRung());
        for (RecipeSearchRecord.CandidateRecord c : search.candidates()) {
            if (c.eliminatedAtRung() == null) {
                assertTrue(winner.last().validationMacroF1() >= c.last().validationMacroF1(),
                        winner.name() + " beats finalist " + c.name());
            }
        }

        TrainSummary.StudentRun distilled = first.students().get(RunLayout.DISTILLED);
        assertEquals(winner.last().epochsTrained(), distilled.epochsRun());
        assertEquals(winner.last().bestEpoch(), distilled.bestEpoch());
        assertEquals(winner.last().validationMacroF1(),
                distilled.epochs().get(distilled.bestEpoch() - 1).validationMacroF1(), 0.0);
        StudentModel saved = StudentModel.load(Path.of(RunLayout.of(config).model(RunLayout.DISTILLED)));
        Map<?, ?> recipe = (Map<?, ?>) saved.metadata().training().get("automatic_recipe");
        assertEquals(winner.candidate().architecture().configName(), recipe.get("architecture"));
        assertEquals(winner.candidate().temperature(), ((Number) recipe.get("temperature")).doubleValue());
        assertEquals(winner.candidate().architecture().configName(), StudentModel.load(Path.of(
                RunLayout.of(config).model(RunLayout.BASELINE))).metadata().architecture(),
                "the baseline has the winner's architecture");

        TrainSummary second = new TrainJob(run).run();
        assertEquals(search.winner(), second.search().winner());
        assertEquals(scores(search), scores(second.search()));
    }

    /** Every candidate's macro-F1 and accuracy, rung by rung. */
    private static List<List<Double>> scores(RecipeSearchRecord search) {
        return search.candidates().stream().map(c -> c.rungs().stream()
                .flatMap(p -> List.of(p.validationMacroF1(), p.validationAccuracy()).stream()).toList()).toList();
    }
}
