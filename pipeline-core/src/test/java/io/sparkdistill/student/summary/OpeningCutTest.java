package io.sparkdistill.student.summary;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sentence's opening may end after the first occurrence of any word of its first third; it is cut after the
 * candidate whose learnt mean ROUGE-L gain is highest, learnt from the oracle sentences of the training examples,
 * and kept whole where no candidate gained.
 */
class OpeningCutTest {
    private static final String SENTENCE = "Fastgrep is a tool that searches large text files for patterns quickly.";

    @Test
    void theCandidatesAreTheFirstOccurrencesOfTheWordsOfTheFirstThird() {
        assertEquals(List.of("fastgrep", "is", "a", "tool"),
                OpeningCut.candidates(SENTENCE).stream().map(OpeningCut.Candidate::word).toList());
        assertEquals(List.of("a"), OpeningCut.candidates("A a a b c d.").stream()
                .map(OpeningCut.Candidate::word).toList());
    }

    @Test
    void theSentenceIsCutAfterItsCandidateWithTheHighestPositiveGainAndStartsWithACapital() {
        assertEquals("Tool that searches large text files for patterns quickly.",
                new OpeningCut(Map.of("is", 0.02, "a", 0.05, "tool", -0.1)).apply(SENTENCE));
        assertEquals(SENTENCE, new OpeningCut(Map.of("tool", -0.1, "searches", 0.3)).apply(SENTENCE));
        assertEquals(SENTENCE, OpeningCut.NONE.apply(SENTENCE));
        assertEquals("Ana will write the report.", new OpeningCut(Map.of("item", 0.1))
                .apply("Action item: Ana will write the report."));
    }

    @Test
    void anObservationSaysHowMuchCuttingEachOpeningOfAnOracleSentenceChangedItsRouge() {
        List<String> sentences = List.of(SENTENCE, "It is written in C.");
        List<String> keys = OpeningStatistics.observations(sentences, new float[]{1f, 0f},
                "tool that searches text files for patterns");
        assertEquals(4, keys.size(), keys.toString());
        assertTrue(keys.contains("opening:a:14"), keys.toString());
        assertTrue(keys.stream().filter(key -> key.startsWith("opening:fastgrep:")).allMatch(key ->
                Long.parseLong(key.substring(key.lastIndexOf(':') + 1)) > 0), keys.toString());
    }

    @Test
    void wordsSeenOftenEnoughThatGainedOnAverageAreLearntWithTheirMeanGain() {
        Map<String, Long> counts = new HashMap<>(Map.of(
                "opening:is:10", 8L, "opening:is:-5", 2L,
                "opening:the:-10", 20L, "opening:the:5", 10L,
                "opening:rare:50", 3L,
                "word:tool", 40L));
        Map<String, Double> gains = OpeningStatistics.learn(counts).gains();
        assertEquals(Set.of("is"), gains.keySet());
        assertEquals(0.07, gains.get("is"), 1e-9);
    }

    @Test
    void theBudgetIsLearntOnOracleSentencesCutWhereThatHelpedMost() {
        List<String> sentences = List.of(SENTENCE, "It is written in C.");
        assertEquals(List.of("Tool that searches large text files for patterns quickly.", "It is written in C."),
                OpeningStatistics.bestCuts(sentences, new float[]{1f, 0f}, "tool that searches text files"));
        assertEquals(sentences, OpeningStatistics.bestCuts(sentences, new float[]{1f, 0f}, SENTENCE));
    }
}
