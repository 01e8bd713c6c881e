package io.sparkdistill.evaluate;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServingMemoryTest {

    @Test
    void readsKibibyteFieldsOfProcStatusInBytes() {
        List<String> status = List.of("Name:\tjava", "VmHWM:\t  123456 kB", "VmRSS:\t  99 kB");
        assertEquals(123456L * 1024, ServingMemory.statusBytes(status, "VmHWM").orElseThrow());
        assertTrue(ServingMemory.statusBytes(List.of("Name:\tjava"), "VmHWM").isEmpty());
    }

    @Test
    void aMeasurementReadsBackFromItsJsonLine() {
        ServingMemory m = new ServingMemory(42, 300_000_000, 20_000_000);
        assertEquals(m, ServingMemory.fromJson(m.toJson()));
        assertTrue(m.toJson().contains("\"peak_resident_bytes\":300000000"), m.toJson());
    }

    @Test
    void measurementsNotTakenSayWhyAndGiveNoFigure() {
        MemoryMeasurements m = MemoryMeasurements.notMeasured("evaluation.measure_memory is false");
        assertEquals("not measured: evaluation.measure_memory is false", m.toString());
        assertEquals(ModelEvaluation.UNKNOWN, m.memoryBytes("teacher"));
    }
}
