package io.sparkdistill.report.chart;

import java.util.List;
import java.util.function.DoubleFunction;

/**
 * The frame every x-y chart of the report shares: a 560 x 320 image, the title on top, the plotting area, a value
 * axis with grid lines on the left, and a legend of the models underneath.
 */
final class Plot {
    static final int WIDTH = 560;
    static final int HEIGHT = 320;
    static final double LEFT = 64;
    static final double TOP = 40;
    static final double PLOT_WIDTH = WIDTH - LEFT - 20;
    static final double PLOT_HEIGHT = 200;
    static final double BOTTOM = TOP + PLOT_HEIGHT;

    /** A named, coloured set of values: one model in every chart. */
    record Legend(String name, String colour) {
    }

    private Plot() {
    }

    static Svg start(String title) {
        Svg svg = new Svg(WIDTH, HEIGHT, title);
        svg.withText("text", title, "x", WIDTH / 2.0, "y", 20, "text-anchor", "middle", "font-size", 14,
                "font-weight", "bold", "fill", Palette.INK);
        return svg;
    }

    /** The vertical value axis: a grid line and a label per tick, and the axis's name turned on its side. */
    static void valueAxis(Svg svg, Scale scale, String name, DoubleFunction<String> format) {
        for (double tick : scale.ticks()) {
            double y = y(scale, tick);
            svg.empty("line", "x1", LEFT, "y1", y, "x2", LEFT + PLOT_WIDTH, "y2", y, "stroke", Palette.GRID);
            svg.withText("text", format.apply(tick), "x", LEFT - 6, "y", y + 4, "text-anchor", "end",
                    "fill", Palette.AXIS);
        }
        svg.empty("line", "x1", LEFT, "y1", TOP, "x2", LEFT, "y2", BOTTOM, "stroke", Palette.AXIS);
        svg.empty("line", "x1", LEFT, "y1", BOTTOM, "x2", LEFT + PLOT_WIDTH, "y2", BOTTOM, "stroke", Palette.AXIS);
        svg.withText("text", name, "x", 14, "y", TOP + PLOT_HEIGHT / 2, "text-anchor", "middle", "fill", Palette.AXIS,
                "transform", "rotate(-90 14 " + Svg.number(TOP + PLOT_HEIGHT / 2) + ")");
    }

    /** The pixel row of {@code value} on the value axis. */
    static double y(Scale scale, double value) {
        return BOTTOM - scale.fraction(value) * PLOT_HEIGHT;
    }

    /** A row of colour swatches with the models' names along the bottom edge. */
    static void legend(Svg svg, List<Legend> entries) {
        double x = LEFT;
        double y = HEIGHT - 16;
        for (Legend entry : entries) {
            svg.empty("rect", "class", "swatch", "x", x, "y", y - 10, "width", 12, "height", 12, "fill",
                    entry.colour());
            svg.withText("text", entry.name(), "x", x + 16, "y", y, "fill", Palette.INK);
            x += 28 + 7 * entry.name().length();
        }
    }
}
