package io.sparkdistill.student;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AveragingRoundsTest {
    private static final AveragingRounds ROUNDS = new AveragingRounds(8, 5);
    private static final List<Integer> SHARE = IntStream.range(0, 1000).boxed().toList();

    @Test
    void anEpochTakesAsManyRoundsAsTheLargestShareNeedsAtMinibatchesTimesFrequencyARound() {
        assertEquals(25, ROUNDS.perEpoch(1000));
        assertEquals(26, ROUNDS.perEpoch(1001));
        assertEquals(1, ROUNDS.perEpoch(3));
        assertEquals(1, ROUNDS.perEpoch(0));
    }

    @Test
    void everyExampleOfAShareIsInExactlyOneRoundOfAnEpochAndEachRoundIsFull() {
        List<Integer> seen = new ArrayList<>();
        for (int round = 0; round < ROUNDS.perEpoch(SHARE.size()); round++) {
            List<Integer> kept = rounds(7L, round);
            assertEquals(40, kept.size(), "round " + round + " holds 8 x 5 examples");
            seen.addAll(kept);
        }
        assertEquals(SHARE.size(), seen.size());
        assertEquals(new HashSet<>(SHARE), new HashSet<>(seen));
    }

    @Test
    void aRoundKeepsItsExamplesInTheShareOrderAndIsAMixOfTheWholeShare() {
        List<Integer> kept = rounds(7L, 0);
        assertEquals(kept.stream().sorted().toList(), kept);
        assertTrue(kept.get(0) < 200 && kept.get(kept.size() - 1) > 800,
                "a round draws from the whole share, not one slice of it: " + kept);
    }

    @Test
    void theSameSeedDealsTheSameRoundsAndAnotherSeedOthers() {
        assertEquals(rounds(7L, 3), rounds(7L, 3));
        assertNotEquals(rounds(7L, 3), rounds(8L, 3));
    }

    @Test
    void theLastRoundOfAShareThatDoesNotDivideEvenlyHoldsTheRest() {
        List<Integer> share = SHARE.subList(0, 90);
        Set<Integer> last = new HashSet<>();
        ROUNDS.round(share.iterator(), share.size(), 1L, 2).forEachRemaining(last::add);
        assertEquals(10, last.size());
        ROUNDS.round(share.iterator(), share.size(), 1L, 3).forEachRemaining(e -> {
            throw new AssertionError("a round past the end holds nothing, got " + e);
        });
    }

    @Test
    void aShareLongerThanItsCountIsAnErrorNotASilentDrop() {
        assertThrows(IllegalStateException.class, () -> ROUNDS.round(SHARE.iterator(), 999, 1L, 0));
    }

    private static List<Integer> rounds(long seed, int round) {
        List<Integer> kept = new ArrayList<>();
        ROUNDS.round(SHARE.iterator(), SHARE.size(), seed, round).forEachRemaining(kept::add);
        return kept;
    }
}
