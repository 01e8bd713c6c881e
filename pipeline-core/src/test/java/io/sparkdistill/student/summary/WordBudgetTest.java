package io.sparkdistill.student.summary;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The word budget is the cut at which the oracle's extracts best match their targets: short where the targets are
 * short synopses of long sentences, no cut where the targets are the sentences themselves.
 */
class WordBudgetTest {
    private static final List<String> DOCUMENT = List.of(
            "Fastgrep searches large text files for patterns very quickly using a parallel index that it builds once"
                    + " and reuses across many later searches.",
            "It is written in portable C and runs on most Unix systems without any further configuration.");

    @Test
    void shortTargetsOfLongSentencesTeachAShortBudget() {
        int budget = learnt(List.of("fast text file pattern search", "searches large text files quickly"));
        assertTrue(budget != WordBudget.NONE && budget <= 10, "budget " + budget);
    }

    @Test
    void targetsAsLongAsTheSentencesAreNotCut() {
        assertEquals(WordBudget.NONE, learnt(List.of(DOCUMENT.get(0) + " " + DOCUMENT.get(1))));
    }

    @Test
    void withoutAnyCountedExtractNothingIsCut() {
        assertEquals(WordBudget.NONE, WordBudget.learn(Map.of("documents", 3L)));
    }

    @Test
    void theCutEndsAfterTheLastWordItKeeps() {
        assertEquals("Six seven", RougeWords.prefix("Six seven eight.", 2));
        assertEquals("Six seven eight.", RougeWords.prefix("Six seven eight.", 5));
    }

    /** The budget learnt from one copy of the document per target, counted as the executors would. */
    private static int learnt(List<String> targets) {
        Map<String, Long> counts = new HashMap<>();
        for (String target : targets) {
            float[] gains = OracleGains.gains(DOCUMENT, target);
            WordBudget.observations(DOCUMENT, gains, target).forEach(key -> counts.merge(key, 1L, Long::sum));
        }
        return WordBudget.learn(counts);
    }
}
