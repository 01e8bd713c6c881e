package io.sparkdistill.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HumanFormatTest {

    @Test
    void showsDurationsWithAboutThreeSignificantDigits() {
        assertEquals("0.0242 ms", HumanFormat.millis(0.02423));
        assertEquals("3.21 ms", HumanFormat.millis(3.214));
        assertEquals("48.0 ms", HumanFormat.millis(48));
        assertEquals("480 ms", HumanFormat.millis(480.2));
        assertEquals("3.20 s", HumanFormat.millis(3200));
        assertEquals("n/a", HumanFormat.millis(Double.NaN));
    }

    @Test
    void showsSizesInDecimalUnitsAndCountsWithSuffixes() {
        assertEquals("512 B", HumanFormat.bytes(512));
        assertEquals("87.3 MB", HumanFormat.bytes(87_300_000));
        assertEquals("1.20 GB", HumanFormat.bytes(1_200_000_000));
        assertEquals("1.2M", HumanFormat.count(1_234_567));
        assertEquals("22.7M", HumanFormat.count(22_700_000));
        assertEquals("950", HumanFormat.count(950));
    }

    @Test
    void showsRatiosPercentagesAndPoints() {
        assertEquals("512x", HumanFormat.fold(512.3));
        assertEquals("19.8x", HumanFormat.fold(19.83));
        assertEquals("97.1%", HumanFormat.percentOf(0.9712));
        assertEquals("+3.2 pp", HumanFormat.points(3.21));
        assertEquals("-7.5 pp", HumanFormat.points(-7.5));
        assertEquals("-0.013", HumanFormat.scoreChange(-0.0134));
        assertEquals("2 min 5 s", HumanFormat.seconds(125));
    }
}
