package io.sparkdistill.student.text;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The cut of counted keys: per group the most frequent, ties to the smaller key, other keys all kept. */
class KeyLimitsTest {
    private static final Map<String, Long> COUNTS = Map.of("#example", 9L, "#answer-tokens:3", 1L, "the", 7L,
            "cat", 3L, "bat", 3L, "sat", 3L, "mat", 1L);

    @Test
    void aGroupKeepsItsMostFrequentKeysTiesBrokenByKey() {
        assertEquals(Map.of("#example", 9L, "the", 7L, "bat", 3L), KeyLimits.of("", 3).cut(COUNTS));
    }

    @Test
    void theFirstMatchingPrefixDecidesTheGroupAndAnUnlimitedGroupKeepsAll() {
        assertEquals(Map.of("#example", 9L, "#answer-tokens:3", 1L, "the", 7L, "bat", 3L),
                KeyLimits.of("#", Integer.MAX_VALUE).then("", 2).cut(COUNTS));
    }

    @Test
    void keysOfNoGroupAreAllKept() {
        assertEquals(Map.of("#example", 9L, "#answer-tokens:3", 1L, "the", 7L, "cat", 3L, "bat", 3L, "sat", 3L),
                KeyLimits.of("m", 0).cut(COUNTS));
        assertEquals(COUNTS, KeyLimits.NONE.cut(COUNTS));
    }

    @Test
    void aNegativeLimitIsRefused() {
        assertEquals("a group keeps at least 0 keys, got -1",
                assertThrows(IllegalArgumentException.class, () -> KeyLimits.of("", -1)).getMessage());
    }
}
