package io.sparkdistill.report.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Grouped vertical bars: one group per category (a metric, a percentile), one bar per series (a model) in each.
 * Every bar carries its value in {@code data-value} and a tooltip; a value that was not measured (NaN) draws no bar
 * and reads "n/a". On a linear scale that starts at zero, bar heights are proportional to the values.
 */
public final class BarChart {
    private final String title;
    private final String valueAxis;
    private final List<String> categories;
    private final List<Series> series;
    private final Scale scale;
    private final DoubleFunction<String> format;

    /** One model's values, one per category, in the categories' order. */
    public record Series(String name, String colour, List<Double> values) {
        public Series {
            values = new ArrayList<>(values);
        }
    }

    public BarChart(String title, String valueAxis, List<String> categories, List<Series> series, Scale scale,
                    DoubleFunction<String> format) {
        for (Series s : series) {
            if (s.values().size() != categories.size()) {
                throw new IllegalArgumentException("series '" + s.name() + "' has " + s.values().size()
                        + " values for " + categories.size() + " categories");
            }
        }
        this.title = title;
        this.valueAxis = valueAxis;
        this.categories = List.copyOf(categories);
        this.series = List.copyOf(series);
        this.scale = scale;
        this.format = format;
    }

    public String render() {
        Svg svg = Plot.start(title);
        Plot.valueAxis(svg, scale, valueAxis, format);
        double group = Plot.PLOT_WIDTH / categories.size();
        double bar = group * 0.8 / series.size();
        for (int c = 0; c < categories.size(); c++) {
            double groupX = Plot.LEFT + c * group + group * 0.1;
            for (int s = 0; s < series.size(); s++) {
                Series one = series.get(s);
                double value = one.values().get(c);
                double x = groupX + s * bar;
                if (!Double.isFinite(value)) {
                    svg.withText("text", "n/a", "x", x + bar / 2, "y", Plot.BOTTOM - 4, "text-anchor", "middle",
                            "font-size", 10, "fill", Palette.AXIS);
                    continue;
                }
                // A value below a log scale's first decade sits on the axis rather than under it.
                double top = Math.min(Plot.BOTTOM, Plot.y(scale, value));
                svg.open("rect", "class", "bar", "data-series", one.name(), "data-category", categories.get(c),
                        "data-value", Double.toString(value), "x", x + 1, "y", top, "width", bar - 2,
                        "height", Plot.BOTTOM - top, "fill", one.colour());
                svg.withText("title", one.name() + ", " + categories.get(c) + ": " + format.apply(value));
                svg.close("rect");
                svg.withText("text", format.apply(value), "x", x + bar / 2, "y", top - 3, "text-anchor", "middle",
                        "font-size", 10, "fill", Palette.INK);
            }
            svg.withText("text", categories.get(c), "x", Plot.LEFT + c * group + group / 2, "y", Plot.BOTTOM + 18,
                    "text-anchor", "middle", "fill", Palette.INK);
        }
        Plot.legend(svg, series.stream().map(s -> new Plot.Legend(s.name(), s.colour())).toList());
        return svg.toString();
    }
}
