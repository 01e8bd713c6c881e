package io.sparkdistill.report;

import java.util.Locale;

/**
 * Turns raw measurements into the figures a reader scans in report.md: "0.024 ms", "87.3 MB", "22.7M", "512x".
 * Decimals shrink as magnitudes grow, so every figure shows about three significant digits. A figure that could
 * not be measured (NaN or infinite) reads "n/a".
 */
final class HumanFormat {
    static final String NOT_AVAILABLE = "n/a";

    private HumanFormat() {
    }

    /** A duration given in milliseconds; seconds from 1000 ms up. */
    static String millis(double ms) {
        if (!Double.isFinite(ms)) {
            return NOT_AVAILABLE;
        }
        if (ms >= 1000) {
            return format("%.2f s", ms / 1000);
        }
        return significant(ms) + " ms";
    }

    /** Bytes in decimal units (1 MB = 10^6 bytes), as disk and memory sizes are usually quoted. */
    static String bytes(long bytes) {
        if (bytes < 0) {
            return NOT_AVAILABLE;
        }
        if (bytes < 1_000) {
            return bytes + " B";
        }
        if (bytes < 1_000_000) {
            return format("%.1f kB", bytes / 1e3);
        }
        if (bytes < 1_000_000_000) {
            return format("%.1f MB", bytes / 1e6);
        }
        return format("%.2f GB", bytes / 1e9);
    }

    /** A count with a K, M or B suffix: 1_234_567 -> "1.2M". */
    static String count(long n) {
        if (n < 0) {
            return NOT_AVAILABLE;
        }
        if (n < 1_000) {
            return Long.toString(n);
        }
        if (n < 1_000_000) {
            return format("%.1fK", n / 1e3);
        }
        if (n < 1_000_000_000) {
            return format("%.1fM", n / 1e6);
        }
        return format("%.1fB", n / 1e9);
    }

    /** An x-fold ratio: "512x", "19.8x", "1.25x". */
    static String fold(double ratio) {
        if (!Double.isFinite(ratio)) {
            return NOT_AVAILABLE;
        }
        return significant(ratio) + "x";
    }

    /** A fraction in [0, 1] as a percentage with one decimal: 0.9712 -> "97.1%". */
    static String percentOf(double fraction) {
        return percent(100 * fraction);
    }

    /** A value already in percent, one decimal: 97.12 -> "97.1%". */
    static String percent(double percent) {
        return Double.isFinite(percent) ? format("%.1f%%", percent) : NOT_AVAILABLE;
    }

    /** A signed difference in percentage points: "+3.2 pp", "-7.5 pp". */
    static String points(double points) {
        return Double.isFinite(points) ? format("%+.1f pp", points) : NOT_AVAILABLE;
    }

    /** A signed relative change in percent: "-99.8%", "+12.0%". */
    static String change(double percent) {
        return Double.isFinite(percent) ? format("%+.1f%%", percent) : NOT_AVAILABLE;
    }

    /** A score in [0, 1] with three decimals, as F1 and ECE are usually quoted: "0.912". */
    static String score(double value) {
        return Double.isFinite(value) ? format("%.3f", value) : NOT_AVAILABLE;
    }

    /** A signed difference of two scores: "-0.013". */
    static String scoreChange(double delta) {
        return Double.isFinite(delta) ? format("%+.3f", delta) : NOT_AVAILABLE;
    }

    /** A rate per second: "512/s", "3.40/s", "100.0K/s". */
    static String perSecond(double rate) {
        if (!Double.isFinite(rate)) {
            return NOT_AVAILABLE;
        }
        return (rate >= 1_000 ? count(Math.round(rate)) : significant(rate)) + "/s";
    }

    /** Seconds of a stage: "12.3 s", "2 min 5 s". */
    static String seconds(double seconds) {
        if (!Double.isFinite(seconds)) {
            return NOT_AVAILABLE;
        }
        if (seconds < 120) {
            return significant(seconds) + " s";
        }
        long whole = Math.round(seconds);
        return (whole / 60) + " min " + (whole % 60) + " s";
    }

    /** About three significant digits, never scientific notation: 512, 19.8, 3.21, 0.0242. */
    private static String significant(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 100 || magnitude == 0) {
            return format("%.0f", value);
        }
        if (magnitude >= 10) {
            return format("%.1f", value);
        }
        if (magnitude >= 1) {
            return format("%.2f", value);
        }
        int decimals = Math.min(9, 2 - (int) Math.floor(Math.log10(magnitude)));
        return format("%." + decimals + "f", value);
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
