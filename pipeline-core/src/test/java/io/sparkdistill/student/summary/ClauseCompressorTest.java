package io.sparkdistill.student.summary;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A sentence's candidate clauses are a short lead before a comma or colon, short parentheses and a short trail
 * after the last comma; the learnt droppable ones are left out, the rest of the sentence kept as it was.
 */
class ClauseCompressorTest {
    private static final String SENTENCE = "On Tuesday, the council approved the new bridge (after a long debate) "
            + "for the town centre, said the mayor.";

    @Test
    void aSentenceHasItsShortLeadParenthesesAndTrailAsCandidateClauses() {
        assertEquals(List.of("lead:on", "paren", "trail:said"),
                ClauseCompressor.clauses(SENTENCE).stream().map(ClauseCompressor.Clause::key).toList());
    }

    @Test
    void onlyTheDroppableClausesAreLeftOutAndTheSentenceStartsWithACapitalAgain() {
        assertEquals("The council approved the new bridge (after a long debate) for the town centre.",
                ClauseCompressor.compress(SENTENCE, Set.of("lead:on", "trail:said")));
        assertEquals("On Tuesday, the council approved the new bridge for the town centre, said the mayor.",
                ClauseCompressor.compress(SENTENCE, Set.of("paren", "lead:after")));
        assertEquals(SENTENCE, ClauseCompressor.compress(SENTENCE, Set.of()));
    }

    @Test
    void aClauseLongerThanAThirdOfItsSentenceIsNoCandidate() {
        assertEquals(List.of(), ClauseCompressor.clauses("After a long and heated debate lasting hours, the council "
                + "passed the plan."));
        assertEquals(List.of("lead:action"), ClauseCompressor.clauses("Action item: Ana will write the report by "
                + "Friday.").stream().map(ClauseCompressor.Clause::key).toList());
    }

    @Test
    void clausesThatDroppingMostlyHelpedWithEnoughObservationsAreLearntAsDroppable() {
        Map<String, Long> counts = Map.of(
                "clause:lead:on:drop", 9L, "clause:lead:on:keep", 1L,
                "clause:trail:said:drop", 6L, "clause:trail:said:keep", 4L,
                "clause:paren:drop", 5L,
                "word:bridge", 40L);
        assertEquals(Set.of("lead:on"), ClauseStatistics.droppable(counts));
    }

    @Test
    void anObservationSaysWhetherDroppingAClauseOfAnOracleSentenceRaisedItsRouge() {
        List<String> sentences = List.of("On Tuesday, the council approved the new bridge for the centre.",
                "It rained.");
        assertEquals(List.of("clause:lead:on:drop"), ClauseStatistics.observations(sentences, new float[]{1f, 0f},
                "The council approved the new bridge for the centre."));
        assertEquals(List.of("clause:lead:on:keep"), ClauseStatistics.observations(sentences, new float[]{1f, 0f},
                "On Tuesday the council approved a bridge."));
    }
}
