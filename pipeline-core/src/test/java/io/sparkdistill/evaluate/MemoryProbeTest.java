package io.sparkdistill.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryProbeTest {

    @Test
    void readsVmRssInKibibytesFromProcStatus() {
        List<String> status = List.of("Name:\tjava", "VmPeak:\t  999 kB", "VmRSS:\t  123456 kB", "Threads:\t9");
        assertEquals(123456L * 1024, MemoryProbe.parseVmRss(status));
    }

    @Test
    void saysSoWhenProcStatusHasNoVmRssLine() {
        assertEquals(-1, MemoryProbe.parseVmRss(List.of("Name:\tjava")));
    }

    @Test
    void reportsAPositiveResidentSet() {
        assertTrue(MemoryProbe.residentSetBytes() > 0);
    }

    @Test
    void seesTheHeapGrowWhenALoaderAllocatesAndKeepsAnArray() {
        // 64 MB of longs, kept alive by the result; the heap must grow by most of it
        MemoryProbe.Measured<long[]> m = MemoryProbe.measureLoad(() -> new long[8 * 1024 * 1024]);

        assertEquals(8 * 1024 * 1024, m.value().length);
        assertTrue(m.heapGrowthBytes() > 32L * 1024 * 1024, "heap growth was " + m.heapGrowthBytes());
    }
}
