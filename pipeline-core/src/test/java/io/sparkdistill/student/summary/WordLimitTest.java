package io.sparkdistill.student.summary;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The word limit is the length that a given share of the oracle's training extracts stay within. */
class WordLimitTest {

    @Test
    void theLimitIsTheLengthThatTheQuantilesShareOfExtractsStayWithin() {
        Map<Integer, Long> lengths = Map.of(20, 5L, 30, 10L, 40, 4L, 90, 1L);
        assertEquals(30, WordLimit.quantile(lengths, 0.5));
        assertEquals(40, WordLimit.quantile(lengths, 0.95));
        assertEquals(90, WordLimit.quantile(lengths, 1.0));
    }

    @Test
    void withoutAnyExtractTheLimitFallsBackToAboutTwoLongSentences() {
        assertEquals(WordLimit.FALLBACK, WordLimit.quantile(Map.of(), 0.95));
        assertEquals(WordLimit.FALLBACK, WordLimit.quantile(Map.of(0, 3L), 0.95));
    }
}
