package io.sparkdistill.report.chart;

import java.util.List;

/**
 * A confusion matrix as a grid: rows are gold labels, columns predicted labels, each cell's colour the share of its
 * row (so a rare label's mistakes show as clearly as a common one's) and its text the count.
 */
public final class Heatmap {
    private static final double CELL_MAX = 56;
    private static final double LEFT = 150;
    private static final double TOP = 40;
    private static final double GRID = 336;

    private final String title;
    private final List<String> labels;
    private final int[][] counts;

    public Heatmap(String title, List<String> labels, int[][] counts) {
        if (counts.length != labels.size()) {
            throw new IllegalArgumentException(counts.length + " rows for " + labels.size() + " labels");
        }
        for (int[] row : counts) {
            if (row.length != labels.size()) {
                throw new IllegalArgumentException("a row has " + row.length + " cells for " + labels.size()
                        + " labels");
            }
        }
        this.title = title;
        this.labels = List.copyOf(labels);
        this.counts = counts;
    }

    public String render() {
        int n = labels.size();
        double cell = Math.min(CELL_MAX, GRID / n);
        int width = (int) Math.ceil(LEFT + n * cell + 20);
        int height = (int) Math.ceil(TOP + n * cell + 130);
        Svg svg = new Svg(Math.max(width, 360), height, title);
        svg.withText("text", title, "x", Math.max(width, 360) / 2.0, "y", 20, "text-anchor", "middle",
                "font-size", 14, "font-weight", "bold", "fill", Palette.INK);
        for (int gold = 0; gold < n; gold++) {
            long rowTotal = 0;
            for (int count : counts[gold]) {
                rowTotal += count;
            }
            double y = TOP + gold * cell;
            svg.withText("text", labels.get(gold), "x", LEFT - 6, "y", y + cell / 2 + 4, "text-anchor", "end",
                    "fill", Palette.INK);
            for (int predicted = 0; predicted < n; predicted++) {
                int count = counts[gold][predicted];
                double share = rowTotal == 0 ? 0 : (double) count / rowTotal;
                double x = LEFT + predicted * cell;
                svg.open("rect", "class", "cell", "data-gold", labels.get(gold), "data-predicted",
                        labels.get(predicted), "data-count", count, "x", x, "y", y, "width", cell, "height", cell,
                        "fill", Palette.heat(share), "stroke", "white");
                svg.withText("title", "gold " + labels.get(gold) + ", predicted " + labels.get(predicted) + ": "
                        + count);
                svg.close("rect");
                svg.withText("text", String.valueOf(count), "x", x + cell / 2, "y", y + cell / 2 + 4,
                        "text-anchor", "middle", "font-size", 11, "fill", share > 0.5 ? "white" : Palette.INK);
            }
        }
        double below = TOP + n * cell + 8;
        for (int predicted = 0; predicted < n; predicted++) {
            double x = LEFT + predicted * cell + cell / 2;
            svg.withText("text", labels.get(predicted), "x", x, "y", below, "text-anchor", "end",
                    "fill", Palette.INK, "transform", "rotate(-45 " + Svg.number(x) + " " + Svg.number(below) + ")");
        }
        svg.withText("text", "rows: gold label, columns: predicted label", "x", 10, "y", height - 8,
                "fill", Palette.AXIS);
        return svg.toString();
    }
}
