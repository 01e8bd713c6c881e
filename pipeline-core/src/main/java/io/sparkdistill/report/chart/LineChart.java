package io.sparkdistill.report.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Values per step, one line per series: the validation accuracy of each student after every training epoch. The
 * step a series marks (the epoch whose parameters were kept) is drawn as a ring around its point.
 */
public final class LineChart {
    private final String title;
    private final String valueAxis;
    private final List<Series> series;
    private final Scale scale;
    private final DoubleFunction<String> format;

    /**
     * One line: {@code values.get(i)} is the value at step i + 1; NaN leaves a gap. {@code marked} is the 1-based
     * step to ring, or 0 for none.
     */
    public record Series(String name, String colour, List<Double> values, int marked) {
        public Series {
            values = new ArrayList<>(values);
        }
    }

    public LineChart(String title, String valueAxis, List<Series> series, Scale scale,
                     DoubleFunction<String> format) {
        this.title = title;
        this.valueAxis = valueAxis;
        this.series = List.copyOf(series);
        this.scale = scale;
        this.format = format;
    }

    public String render() {
        Svg svg = Plot.start(title);
        Plot.valueAxis(svg, scale, valueAxis, format);
        int steps = Math.max(2, series.stream().mapToInt(s -> s.values().size()).max().orElse(2));
        double stepWidth = Plot.PLOT_WIDTH / (steps - 1);
        int labelEvery = (int) Math.ceil(steps / 15.0);
        for (int step = 1; step <= steps; step += labelEvery) {
            svg.withText("text", String.valueOf(step), "x", x(step, stepWidth), "y", Plot.BOTTOM + 16,
                    "text-anchor", "middle", "fill", Palette.AXIS);
        }
        svg.withText("text", "epoch", "x", Plot.LEFT + Plot.PLOT_WIDTH / 2, "y", Plot.BOTTOM + 32,
                "text-anchor", "middle", "fill", Palette.AXIS);
        for (Series one : series) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < one.values().size(); i++) {
                double value = one.values().get(i);
                if (Double.isFinite(value)) {
                    points.append(Svg.number(x(i + 1, stepWidth))).append(',')
                            .append(Svg.number(Plot.y(scale, value))).append(' ');
                }
            }
            svg.empty("polyline", "class", "line", "data-series", one.name(), "points", points.toString().trim(),
                    "fill", "none", "stroke", one.colour(), "stroke-width", 2.5);
            for (int i = 0; i < one.values().size(); i++) {
                double value = one.values().get(i);
                if (!Double.isFinite(value)) {
                    continue;
                }
                boolean marked = i + 1 == one.marked();
                svg.open("circle", "class", marked ? "point marked" : "point", "data-series", one.name(),
                        "data-step", i + 1, "data-value", Double.toString(value), "cx", x(i + 1, stepWidth),
                        "cy", Plot.y(scale, value), "r", marked ? 7.0 : 3.5,
                        "fill", marked ? "white" : one.colour(), "stroke", one.colour(), "stroke-width", 2.5);
                svg.withText("title", one.name() + ", epoch " + (i + 1) + ": " + format.apply(value)
                        + (marked ? " (kept)" : ""));
                svg.close("circle");
            }
        }
        Plot.legend(svg, series.stream().map(s -> new Plot.Legend(s.name(), s.colour())).toList());
        if (series.stream().anyMatch(s -> s.marked() > 0)) {
            svg.withText("text", "ring: the epoch kept", "x", Plot.WIDTH - 20, "y", Plot.HEIGHT - 16,
                    "text-anchor", "end", "fill", Palette.AXIS);
        }
        return svg.toString();
    }

    private static double x(int step, double stepWidth) {
        return Plot.LEFT + (step - 1) * stepWidth;
    }
}
