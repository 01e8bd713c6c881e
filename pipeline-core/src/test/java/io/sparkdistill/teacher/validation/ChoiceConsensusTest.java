package io.sparkdistill.teacher.validation;

import io.sparkdistill.ingest.TaskType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChoiceConsensusTest {

    private static Accepted math(String answer) {
        return new Accepted(answer, "working ... #### " + answer);
    }

    @Test
    void mathTakesTheEarliestCompletionOfTheMostFrequentFinalAnswer() {
        assertEquals(1, ChoiceConsensus.chosen(new FinalNumberParser(), List.of(math("71"), math("72"), math("70"),
                math("72"))));
    }

    @Test
    void aTieBetweenTwoFinalAnswersGoesToTheOneSeenFirst() {
        assertEquals(0, ChoiceConsensus.chosen(new FinalNumberParser(), List.of(math("5"), math("6"), math("6"),
                math("5"))));
    }

    @Test
    void freeTextTasksTakeTheFirstAcceptedCompletion() {
        assertEquals(0, ChoiceConsensus.chosen(new SummaryLengthParser(), List.of(new Accepted("b", null),
                new Accepted("a", null), new Accepted("a", null))));
    }

    @Test
    void distributionsAreAveragedElementWise() {
        float[] mean = ChoiceConsensus.meanDistribution(List.of(new float[]{1f, 0f, 0f}, new float[]{0.5f, 0.5f, 0f},
                new float[]{0f, 0.25f, 0.75f}));
        assertArrayEquals(new float[]{0.5f, 0.25f, 0.25f}, mean, 1e-6f);
    }

    @Test
    void nothingToChooseFromOrMismatchedLabelSetsAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> ChoiceConsensus.chosen(new FinalNumberParser(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> ChoiceConsensus.meanDistribution(
                List.of(new float[2], new float[3])));
    }
}
