package io.sparkdistill.student;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WindowRowsTest {

    /** One example of {@code length} words (ids 3 on) padded to {@code positions}. */
    private static int[] text(int length, int positions) {
        return IntStream.range(0, positions).map(j -> j < length ? 3 + j : WordVocabulary.PADDING).toArray();
    }

    private static int[] positionsScored(int length, int positions, int kernel) {
        WindowRows rows = WindowRows.of(text(length, positions), 1, positions, kernel);
        return IntStream.range(rows.first(0), rows.first(1)).map(rows::position).toArray();
    }

    @Test
    void aShortTextScoresTheWindowsReachingItsWordsOnePaddingWindowAndTheWindowsPastTheEnd() {
        // kernel 5: windows 0-13 reach the 12 words, 14 stands for the padding windows 14-61, 62 and 63 reach past
        // the last position
        int[] expected = IntStream.concat(IntStream.rangeClosed(0, 14), IntStream.of(62, 63)).toArray();
        assertArrayEquals(expected, positionsScored(12, 64, 5));
    }

    @Test
    void aFullTextScoresEveryPosition() {
        assertArrayEquals(IntStream.range(0, 64).toArray(), positionsScored(64, 64, 5));
        assertArrayEquals(IntStream.range(0, 64).toArray(), positionsScored(61, 64, 5));
    }

    @Test
    void aKernelOfOneScoresTheWordsAndOnePaddingPosition() {
        assertArrayEquals(new int[] {0, 1, 2, 3}, positionsScored(3, 10, 1));
    }

    @Test
    void anEvenKernelPadsMoreOnTheRight() {
        // kernel 4: 1 row of padding before, 2 after; windows 0-3 reach the 3 words, 4 stands for 4-7, 8 and 9 reach
        // past the end
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 8, 9}, positionsScored(3, 10, 4));
    }

    @Test
    void anEmptyTextStillScoresItsEdgesAndOnePaddingWindow() {
        assertArrayEquals(new int[] {0, 1, 2, 8, 9}, positionsScored(0, 10, 5));
    }

    @Test
    void theExamplesOfAMinibatchFollowOneAnother() {
        int[] ids = new int[20];
        System.arraycopy(text(2, 10), 0, ids, 0, 10);
        System.arraycopy(text(10, 10), 0, ids, 10, 10);
        WindowRows rows = WindowRows.of(ids, 2, 10, 3);
        // kernel 3: the first example scores 0-2 (reach its words) and 3 (for 3-8), then 9 past the end
        assertEquals(5, rows.first(1));
        assertEquals(15, rows.first(2));
        assertEquals(15, rows.count());
        assertEquals(9, rows.position(4));
        assertEquals(0, rows.position(5));
    }
}
