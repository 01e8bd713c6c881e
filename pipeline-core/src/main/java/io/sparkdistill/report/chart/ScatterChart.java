package io.sparkdistill.report.chart;

import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Labelled points on two axes: how much of the teacher's quality each model keeps against how much faster it
 * answers. The horizontal scale is logarithmic, since a student is often hundreds of times faster than its teacher.
 */
public final class ScatterChart {
    private final String title;
    private final String xAxis;
    private final String yAxis;
    private final List<Point> points;
    private final Scale xScale;
    private final Scale yScale;
    private final DoubleFunction<String> xFormat;
    private final DoubleFunction<String> yFormat;

    /** One model; points with a value that was not measured (NaN) are left out and listed as "n/a". */
    public record Point(String name, String colour, double x, double y) {
    }

    public ScatterChart(String title, String xAxis, String yAxis, List<Point> points, Scale xScale, Scale yScale,
                        DoubleFunction<String> xFormat, DoubleFunction<String> yFormat) {
        this.title = title;
        this.xAxis = xAxis;
        this.yAxis = yAxis;
        this.points = List.copyOf(points);
        this.xScale = xScale;
        this.yScale = yScale;
        this.xFormat = xFormat;
        this.yFormat = yFormat;
    }

    public String render() {
        Svg svg = Plot.start(title);
        Plot.valueAxis(svg, yScale, yAxis, yFormat);
        for (double tick : xScale.ticks()) {
            double x = x(tick);
            svg.empty("line", "x1", x, "y1", Plot.TOP, "x2", x, "y2", Plot.BOTTOM, "stroke", Palette.GRID);
            svg.withText("text", xFormat.apply(tick), "x", x, "y", Plot.BOTTOM + 16, "text-anchor", "middle",
                    "fill", Palette.AXIS);
        }
        svg.withText("text", xAxis, "x", Plot.LEFT + Plot.PLOT_WIDTH / 2, "y", Plot.BOTTOM + 32,
                "text-anchor", "middle", "fill", Palette.AXIS);
        for (Point p : points) {
            if (!Double.isFinite(p.x()) || !Double.isFinite(p.y()) || p.x() <= 0) {
                continue;
            }
            double cx = x(p.x());
            double cy = Plot.y(yScale, p.y());
            svg.open("circle", "class", "point", "data-series", p.name(), "data-x", Double.toString(p.x()),
                    "data-y", Double.toString(p.y()), "cx", cx, "cy", cy, "r", 9.0, "fill", p.colour());
            svg.withText("title", p.name() + ": " + xFormat.apply(p.x()) + ", " + yFormat.apply(p.y()));
            svg.close("circle");
            // Labels go left of points in the right half, so they stay inside the image.
            boolean rightHalf = cx > Plot.LEFT + Plot.PLOT_WIDTH / 2;
            svg.withText("text", p.name(), "x", rightHalf ? cx - 14 : cx + 14, "y", cy + 4,
                    "text-anchor", rightHalf ? "end" : "start", "fill", Palette.INK);
        }
        Plot.legend(svg, points.stream().map(p -> new Plot.Legend(p.name() + (Double.isFinite(p.x())
                && Double.isFinite(p.y()) ? "" : " (n/a)"), p.colour())).toList());
        return svg.toString();
    }

    private double x(double value) {
        return Plot.LEFT + xScale.fraction(value) * Plot.PLOT_WIDTH;
    }
}
