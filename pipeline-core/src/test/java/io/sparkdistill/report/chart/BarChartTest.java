package io.sparkdistill.report.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class BarChartTest {

    private static List<Element> bars(String svg) throws Exception {
        Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        assertEquals("svg", root.getTagName());
        NodeList rects = root.getElementsByTagName("rect");
        List<Element> bars = new ArrayList<>();
        for (int i = 0; i < rects.getLength(); i++) {
            Element rect = (Element) rects.item(i);
            if (rect.getAttribute("class").equals("bar")) {
                bars.add(rect);
            }
        }
        return bars;
    }

    private static double height(Element bar) {
        return Double.parseDouble(bar.getAttribute("height"));
    }

    @Test
    void onALinearScaleFromZeroBarHeightsAreProportionalToTheValues() throws Exception {
        String svg = new BarChart("t", "v", List.of("a", "b"), List.of(
                new BarChart.Series("one", Palette.TEACHER, List.of(10.0, 40.0)),
                new BarChart.Series("two", Palette.DISTILLED, List.of(20.0, 5.0))),
                Scale.linear(0, 40), v -> String.valueOf(v)).render();
        List<Element> bars = bars(svg);
        assertEquals(4, bars.size());
        double unit = height(bars.get(0)) / 10;
        assertEquals(40 * unit, height(bars.get(2)), 0.02);   // series one, category b
        assertEquals(20 * unit, height(bars.get(1)), 0.02);   // series two, category a
        assertEquals(5 * unit, height(bars.get(3)), 0.02);
        assertEquals(Plot.PLOT_HEIGHT, 40 * unit, 0.02, "the largest value reaches the top of a 0..40 scale");
        assertEquals(Palette.DISTILLED, bars.get(1).getAttribute("fill"));
    }

    @Test
    void aValueNotMeasuredDrawsNoBarAndSaysSo() throws Exception {
        String svg = new BarChart("t", "v", List.of("a"), List.of(
                new BarChart.Series("one", Palette.TEACHER, List.of(Double.NaN)),
                new BarChart.Series("two", Palette.DISTILLED, List.of(1.0))),
                Scale.linear(0, 1), v -> String.valueOf(v)).render();
        assertEquals(1, bars(svg).size());
        assertTrue(svg.contains(">n/a</text>"));
    }

    @Test
    void onALogScaleEachDecadeHasTheSameHeight() throws Exception {
        String svg = new BarChart("t", "ms", List.of("p50"), List.of(
                new BarChart.Series("a", Palette.TEACHER, List.of(0.01)),
                new BarChart.Series("b", Palette.BASELINE, List.of(0.1)),
                new BarChart.Series("c", Palette.DISTILLED, List.of(1.0))),
                Scale.log(0.01, 10), v -> String.valueOf(v)).render();
        List<Element> bars = bars(svg);
        assertEquals(0, height(bars.get(0)), 0.02, "the scale's first decade is its floor");
        assertEquals(height(bars.get(1)) * 2, height(bars.get(2)), 0.02);
    }

    @Test
    void refusesASeriesWithTheWrongNumberOfValues() {
        assertThrows(IllegalArgumentException.class, () -> new BarChart("t", "v", List.of("a", "b"),
                List.of(new BarChart.Series("one", Palette.TEACHER, List.of(1.0))), Scale.linear(0, 1),
                v -> String.valueOf(v)));
    }
}
