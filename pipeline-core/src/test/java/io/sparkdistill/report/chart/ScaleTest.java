package io.sparkdistill.report.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleTest {

    @Test
    void aLinearScaleRoundsOutwardsToSteps() {
        Scale scale = Scale.linear(0.52, 0.87);
        assertEquals(List.of(0.5, 0.6, 0.7, 0.8, 0.9), scale.ticks().stream()
                .map(t -> Math.round(t * 1000) / 1000.0).toList());
        assertEquals(0, scale.fraction(0.5), 1e-9);
        assertEquals(1, scale.fraction(0.9), 1e-9);
        assertEquals(0.5, scale.fraction(0.7), 1e-9);
    }

    @Test
    void aLinearScaleFromZeroToOneHasFifthSteps() {
        assertEquals(List.of(0.0, 0.2, 0.4, 0.6, 0.8, 1.0), Scale.linear(0, 1).ticks().stream()
                .map(t -> Math.round(t * 1000) / 1000.0).toList());
    }

    @Test
    void aLogScaleSpansWholeDecades() {
        Scale scale = Scale.log(0.021, 5.2);
        assertEquals(List.of(0.01, 0.1, 1.0, 10.0), scale.ticks().stream()
                .map(t -> Math.round(t * 1000) / 1000.0).toList());
        assertEquals(1.0 / 3, scale.fraction(0.1), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> Scale.log(0, 1));
    }
}
