package io.sparkdistill.config;

import io.sparkdistill.student.search.SearchSetup;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecipeSearchConfigTest {
    private static final String LABEL_JOB = """
            name: support
            task: classification
            labels: [billing, refund]
            data:
              train: data/train.jsonl
              validation: data/validation.jsonl
              test: data/test.jsonl
            """;

    @Test
    void searchIsOffUnlessEnabledAndItsDefaultsAreTheDocumentedRecipe() {
        assertFalse(ConfigLoader.parse(LABEL_JOB, "job.yaml").search().enabled());
        JobConfig config = ConfigLoader.parse(LABEL_JOB + "search: {enabled: true}\n", "job.yaml");
        RecipeSearchConfig search = config.search();
        assertTrue(search.enabled());
        assertEquals(40, search.budgetEpochs());
        assertEquals(List.of(1.0, 2.0, 4.0), search.temperatures());
        assertEquals(List.of(0.1, 0.3, 0.6), search.alphas());
        assertEquals(List.of(ClassWeighting.NONE, ClassWeighting.BALANCED), search.classWeightings());
        assertEquals(List.of(0), search.augmentationCopiesFor(config.data().augmentation()));
        SearchSetup setup = SearchSetup.of(config);
        assertTrue(setup.plan().epochs() <= 40);
        assertEquals(setup.grid().size(), setup.order().size());
        assertEquals(0.02, search.preferFasterWithin());
        assertTrue(search.mixInBaseline(), "the baseline is mixed into the soft labels unless switched off");
        assertFalse(ConfigLoader.parse(LABEL_JOB + "search: {enabled: true, mix_in_baseline: false}\n", "job.yaml")
                .search().mixInBaseline());
    }

    @Test
    void aMarginOutsideZeroToOneIsRefusedNamingTheKey() {
        for (String margin : List.of("-0.01", "1.0", "2")) {
            ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(LABEL_JOB
                    + "search: {enabled: true, prefer_faster_within: " + margin + "}\n", "job.yaml"));
            assertTrue(e.getMessage().contains("search.prefer_faster_within"), e.getMessage());
            assertTrue(e.getMessage().contains("a macro-F1 margin in [0, 1)"), e.getMessage());
        }
        assertEquals(0.0, ConfigLoader.parse(LABEL_JOB + "search: {enabled: true, prefer_faster_within: 0}\n",
                "job.yaml").search().preferFasterWithin());
    }

    @Test
    void withAugmentationTheSearchTriesNoneAndAllOfTheGeneratedCopies() {
        JobConfig config = ConfigLoader.parse(LABEL_JOB.replace("  test: data/test.jsonl\n",
                "  test: data/test.jsonl\n  augmentation: {copies: 4}\n") + "search: {enabled: true}\n", "job.yaml");
        assertEquals(List.of(0, 4), config.search().augmentationCopiesFor(config.data().augmentation()));
    }

    @Test
    void aTextTaskRefusesTheSearchNamingTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("""
                name: qa
                task: qa
                data: {train: t.jsonl, test: t.jsonl}
                teacher:
                  kind: api
                  endpoint: {provider: generic, base_url: "http://localhost:8000/v1", model: m}
                search: {enabled: true}
                """, "job.yaml"));
        assertTrue(e.getMessage().contains("search.enabled: expected false for a qa task: the automatic recipe "
                + "searches the label students"), e.getMessage());
    }

    @Test
    void copiesNeverGeneratedAreRefusedWhileTheLossKeysTheListsReplaceAreAccepted() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(LABEL_JOB
                + "search: {enabled: true, augmentation_copies: [0, 2]}\n", "job.yaml"));
        assertTrue(e.getMessage().contains("search.augmentation_copies: expected at most data.augmentation.copies (0) "
                + "copies: the search learns from the generated copies, it makes none"), e.getMessage());
        // The shipped configs write these; --set search.enabled=true must still load them.
        JobConfig config = ConfigLoader.parse(LABEL_JOB + """
                hyperparameters: {temperature: 4, alpha: 0.5, class_weighting: balanced}
                search: {enabled: true}
                """, "job.yaml");
        assertTrue(config.search().enabled());
    }

    @Test
    void theSearchReplacesTheLossKeysItsListsCoverAndKeepsTheScheduleAndTheLogitAdjustment() {
        JobConfig config = ConfigLoader.parse(LABEL_JOB + """
                hyperparameters: {temperature: 4, alpha: 0.5, logit_adjustment: true,
                                  learning_rate_schedule: {decay: cosine}}
                search: {enabled: true}
                """, "job.yaml");
        assertEquals(Map.of("temperature", 4.0, "alpha", 0.5), config.hyperparameters().keysReplacedBySearch());
        assertEquals(List.of("temperature", "alpha", "learning_rate_schedule", "logit_adjustment"),
                List.copyOf(config.hyperparameters().labelLossKeysSet().keySet()), "what a text task refuses");
    }

    @Test
    void aBudgetBelowTwoCandidatesIsRefusedWithTheMinimumItNeeds() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(LABEL_JOB
                + "search: {enabled: true, budget_epochs: 5}\n", "job.yaml"));
        assertTrue(e.getMessage().contains("search.budget_epochs: expected at least 12: two candidates for "
                + "search.first_rung_epochs (2) each, then the better one on to hyperparameters.num_epochs (10), "
                + "found '5'"), e.getMessage());
    }

    @Test
    void aSearchWithoutAValidationSplitIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(LABEL_JOB
                .replace("  validation: data/validation.jsonl\n", "") + "search: {enabled: true}\n", "job.yaml"));
        assertTrue(e.getMessage().contains("data.validation: expected a validation split with search.enabled"),
                e.getMessage());
    }
}
