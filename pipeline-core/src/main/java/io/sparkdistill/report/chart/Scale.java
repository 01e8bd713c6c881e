package io.sparkdistill.report.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps data values onto a chart axis as a fraction of its length, with the ticks to label it. Linear scales start at
 * a round lower bound and end at a round upper one; log scales span whole decades, for figures such as latencies and
 * speed-ups that differ by orders of magnitude between a teacher and its student.
 */
public interface Scale {

    /** Where {@code value} falls: 0 at the axis's start, 1 at its end. */
    double fraction(double value);

    /** The values to draw grid lines and labels at, ascending. */
    List<Double> ticks();

    /** A linear scale over [low, high] rounded outwards to about five steps of 1, 2 or 5 times a power of ten. */
    static Scale linear(double low, double high) {
        if (!(high > low)) {
            high = low + 1;
        }
        double step = niceStep((high - low) / 5);
        double start = Math.floor(low / step) * step;
        double end = Math.ceil(high / step) * step;
        List<Double> ticks = new ArrayList<>();
        for (int i = 0; start + i * step <= end + step / 2; i++) {
            ticks.add(start + i * step);
        }
        double from = start;
        double to = end;
        return new Scale() {
            @Override
            public double fraction(double value) {
                return (value - from) / (to - from);
            }

            @Override
            public List<Double> ticks() {
                return ticks;
            }
        };
    }

    /** A base-10 log scale over the whole decades around [low, high]; both must be positive. */
    static Scale log(double low, double high) {
        if (!(low > 0) || !(high > 0)) {
            throw new IllegalArgumentException("a log scale needs positive values, got " + low + " and " + high);
        }
        double from = Math.floor(Math.log10(low));
        double to = Math.max(from + 1, Math.ceil(Math.log10(high)));
        List<Double> ticks = new ArrayList<>();
        for (double decade = from; decade <= to; decade++) {
            ticks.add(Math.pow(10, decade));
        }
        return new Scale() {
            @Override
            public double fraction(double value) {
                return (Math.log10(value) - from) / (to - from);
            }

            @Override
            public List<Double> ticks() {
                return ticks;
            }
        };
    }

    private static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        double mantissa = rough / power;
        double nice = mantissa <= 1 ? 1 : mantissa <= 2 ? 2 : mantissa <= 5 ? 5 : 10;
        return nice * power;
    }
}
