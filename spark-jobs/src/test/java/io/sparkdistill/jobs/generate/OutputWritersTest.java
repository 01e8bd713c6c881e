package io.sparkdistill.jobs.generate;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OutputWritersTest {

    @Test
    void aSliceOfAFewThousandRowsIsWrittenByOneTask() {
        assertEquals(1, OutputWriters.forRows(2_000, 4));
        assertEquals(1, OutputWriters.forRows(OutputWriters.ROWS_PER_WRITER, 200));
    }

    @Test
    void aSliceWithNoRowsStillHasOneWriterForItsEmptyOutput() {
        assertEquals(1, OutputWriters.forRows(0, 4));
    }

    @Test
    void largerSlicesGetAWriterPerFiftyThousandRowsUpToTheirPartitions() {
        assertEquals(3, OutputWriters.forRows(2 * OutputWriters.ROWS_PER_WRITER + 1, 4));
        assertEquals(4, OutputWriters.forRows(1_000_000, 4));
        assertEquals(20, OutputWriters.forRows(1_000_000, 200));
    }
}
