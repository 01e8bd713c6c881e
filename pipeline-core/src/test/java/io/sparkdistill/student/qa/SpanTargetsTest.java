package io.sparkdistill.student.qa;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Several answers make soft start and end targets: each token's share of the answers starting or ending there. */
class SpanTargetsTest {
    private static final TextTokens CONTEXT = TextTokens.of("The drone was launched in 1964 in Lyon.");
    private static final List<String> QUESTION = TextTokens.of("When was the drone launched?").words();

    @Test
    void severalAnswersShareTheStartAndEndTargetsByHowManyStartOrEndAtEachToken() {
        SpanTargets targets = SpanTargets.of(CONTEXT, QUESTION, List.of("in 1964", "1964", "1964", "in 1964"), 100);
        assertEquals(4, targets.located());
        assertArrayEquals(new float[]{0, 0, 0, 0, 0.5f, 0.5f, 0, 0}, targets.start(), 1e-6f);
        assertArrayEquals(new float[]{0, 0, 0, 0, 0, 1f, 0, 0}, targets.end(), 1e-6f);
    }

    @Test
    void oneAnswerIsAHardTarget() {
        SpanTargets targets = SpanTargets.of(CONTEXT, QUESTION, List.of("in Lyon"), 100);
        assertArrayEquals(new float[]{0, 0, 0, 0, 0, 0, 1, 0}, targets.start(), 1e-6f);
        assertArrayEquals(new float[]{0, 0, 0, 0, 0, 0, 0, 1}, targets.end(), 1e-6f);
    }

    @Test
    void anAnswerNotInTheContextOrBeyondTheTokensReadTakesNoShare() {
        SpanTargets targets = SpanTargets.of(CONTEXT, QUESTION, List.of("1964", "in the sixties", "Lyon"), 7);
        assertEquals(1, targets.located(), "only 1964: the second is nowhere, Lyon is the 8th token of 7 read");
        assertArrayEquals(new float[]{0, 0, 0, 0, 0, 1, 0}, targets.start(), 1e-6f);
    }

    @Test
    void noAnswerFoundLeavesNothingToLearn() {
        SpanTargets targets = SpanTargets.of(CONTEXT, QUESTION, List.of("in the sixties"), 100);
        assertEquals(0, targets.located());
        assertArrayEquals(new float[8], targets.start(), 1e-6f);
    }
}
