package io.sparkdistill.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdistill.evaluate.ClassificationScores;
import io.sparkdistill.evaluate.LatencyStats;
import io.sparkdistill.evaluate.ModelEvaluation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class HtmlReportTest {

    private static String page() {
        return HtmlReport.render(ReportFixture.summary(), ReportFixture.models(), ReportFixture.comparison(),
                ReportFixture.firstRun());
    }

    @Test
    void isWellFormedWithFiveInlineCharts() {
        String html = page();
        Document page = XmlParts.parse(html);
        assertEquals("html", page.getDocumentElement().getTagName());
        assertEquals(5, page.getElementsByTagName("svg").getLength());
        assertEquals(List.of("Quality on the test split", "Inference time per example (log scale)",
                        "Confusion matrix, distilled student", "Accuracy retained vs speed-up over the teacher",
                        "Validation accuracy per epoch"),
                XmlParts.svgImages(html).stream().map(d -> d.getDocumentElement().getAttribute("aria-label")).toList());
    }

    @Test
    void qualityBarsAreAsTallAsTheirValues() {
        Element chart = XmlParts.svgTitled(page(), "Quality on the test split");
        List<Element> bars = XmlParts.withClass(chart, "rect", "bar");
        assertEquals(6, bars.size(), "accuracy and macro-F1 for three models");
        double pixelsPerUnit = XmlParts.number(bars.get(0), "height") / XmlParts.number(bars.get(0), "data-value");
        for (Element bar : bars) {
            assertEquals(pixelsPerUnit, XmlParts.number(bar, "height") / XmlParts.number(bar, "data-value"),
                    pixelsPerUnit * 1e-3, "bar " + bar.getAttribute("data-series") + " "
                            + bar.getAttribute("data-category"));
        }
        Element distilledAccuracy = bars.stream().filter(b -> b.getAttribute("data-series").equals(
                "Distilled student") && b.getAttribute("data-category").equals("accuracy")).findFirst().orElseThrow();
        assertEquals(0.87, XmlParts.number(distilledAccuracy, "data-value"));
    }

    @Test
    void latencyBarsGrowWithTheirValuesOnALogScale() {
        List<Element> bars = XmlParts.withClass(XmlParts.svgTitled(page(), "Inference time per example (log scale)"),
                "rect", "bar");
        assertEquals(9, bars.size(), "p50, p95 and p99 for three models");
        bars.sort((a, b) -> Double.compare(XmlParts.number(a, "data-value"), XmlParts.number(b, "data-value")));
        for (int i = 1; i < bars.size(); i++) {
            assertTrue(XmlParts.number(bars.get(i), "height") >= XmlParts.number(bars.get(i - 1), "height"));
        }
        // The teacher's three bars are the tallest, its p50 first among them.
        Element teacherP50 = bars.get(bars.size() - 3);
        assertEquals(12.8, XmlParts.number(teacherP50, "data-value"));
    }

    @Test
    void theConfusionMatrixShowsTheDistilledStudentsCounts() {
        Element heatmap = XmlParts.svgTitled(page(), "Confusion matrix, distilled student");
        List<Element> cells = XmlParts.withClass(heatmap, "rect", "cell");
        assertEquals(9, cells.size());
        Element negativeAsNeutral = cells.stream().filter(c -> c.getAttribute("data-gold").equals("negative")
                && c.getAttribute("data-predicted").equals("neutral")).findFirst().orElseThrow();
        assertEquals("30", negativeAsNeutral.getAttribute("data-count"));
    }

    @Test
    void theScatterPlacesTheDistilledStudentAtItsSpeedupAndRetention() {
        List<Element> points = XmlParts.withClass(XmlParts.svgTitled(page(),
                "Accuracy retained vs speed-up over the teacher"), "circle", "point");
        Element distilled = points.stream().filter(p -> p.getAttribute("data-series").equals("Distilled student"))
                .findFirst().orElseThrow();
        assertEquals(512, XmlParts.number(distilled, "data-x"), 1e-9);
        assertEquals(100 * 0.87 / 0.945, XmlParts.number(distilled, "data-y"), 1e-9);
        Element teacher = points.stream().filter(p -> p.getAttribute("data-series").equals("Teacher"))
                .findFirst().orElseThrow();
        assertTrue(XmlParts.number(teacher, "cx") < XmlParts.number(distilled, "cx"), "faster is further right");
    }

    @Test
    void theValidationCurveRingsTheEpochEachStudentKept() {
        Element chart = XmlParts.svgTitled(page(), "Validation accuracy per epoch");
        List<Element> marked = XmlParts.withClass(chart, "circle", "marked");
        assertEquals(2, marked.size());
        assertEquals(List.of("Baseline student:9", "Distilled student:4"), marked.stream()
                .map(m -> m.getAttribute("data-series") + ":" + m.getAttribute("data-step")).toList());
        assertEquals(17, XmlParts.withClass(chart, "circle", "point").size(), "10 + 7 epochs run");
    }

    @Test
    void showsTheSourceDocumentsComparisonTableAndWhatDistillationAdds() {
        String html = page();
        assertTrue(html.contains("<tr><td>Accuracy</td><td>94.5%</td><td>87.0%</td><td>-7.5 pp (92.1% retained)"
                + "</td></tr>"), html);
        assertTrue(html.contains("<tr><td>Parameters</td><td>22.7M</td><td>1.1M</td><td>20.0x fewer (-95.0%)</td>"
                + "</tr>"));
        assertTrue(html.contains("<tr><td>Accuracy</td><td>80.0%</td><td>87.0%</td><td>+7.0 pp</td></tr>"));
        assertTrue(html.contains("<tr><td>Distilled student</td><td>7 of 10</td><td>4</td><td>87.0%</td>"));
        assertTrue(html.contains("<tr><td>temperature</td><td>2.0</td></tr>"));
    }

    @Test
    void flagsARegressionSinceThePreviousRunAboveTheCharts() {
        String html = HtmlReport.render(ReportFixture.summary(), ReportFixture.models(), ReportFixture.comparison(),
                ChangesSincePreviousRunTest.distilledAccuracyWas(0.89, 0.01));
        int banner = html.indexOf("<p class=\"regression\">Regression since run previous-run: Distilled student "
                + "accuracy dropped by more than 0.010.</p>");
        assertTrue(banner > 0, html);
        assertTrue(banner < html.indexOf("<svg"));
        assertTrue(html.contains("<td class=\"flag\">REGRESSION: dropped more than 0.010</td>"));
    }

    @Test
    void loadsNothingFromElsewhere() {
        XmlParts.assertLoadsNothingFromElsewhere(page());
    }

    @Test
    void escapesTextFromTheRunEverywhere() {
        String hostile = "<script>alert('x')</script>";
        List<String> labels = List.of(hostile, "a & b \"quoted\"");
        Map<String, Double> f1 = new LinkedHashMap<>();
        f1.put(labels.get(0), 0.9);
        f1.put(labels.get(1), 0.8);
        Map<String, Long> support = new LinkedHashMap<>();
        support.put(labels.get(0), 10L);
        support.put(labels.get(1), 10L);
        ClassificationScores scores = new ClassificationScores(labels, 20, 0.85, 0.85, f1, support,
                new int[][]{{9, 1}, {2, 8}}, 0.05, 0.9);
        ModelEvaluation distilled = new ModelEvaluation(ModelEvaluation.DISTILLED, "student </td> " + hostile,
                scores, new LatencyStats(10, 0.03, 0.02, 0.04, 0.05, 30_000), 1e5, 1_000, 4_000, 6_000);
        RunSummary s = ReportFixture.summary();
        RunSummary summary = new RunSummary("job <b>&amp;", s.task(), hostile, labels, Map.of(hostile, hostile),
                s.inputCounts(), Map.of(hostile, 1L), 1, 1, Map.of(), s.stageSeconds(), Map.of("note", hostile),
                s.provenance(), s.training());

        String html = HtmlReport.render(summary, List.of(ReportFixture.teacher(), ReportFixture.baseline(),
                distilled), ReportFixture.comparison(), ReportFixture.firstRun());

        assertFalse(html.contains("<script"), "a label became markup");
        assertFalse(html.contains("<b>"), "the job name became markup");
        Document page = XmlParts.parse(html);
        assertEquals("Distillation report: job <b>&amp;", page.getElementsByTagName("h1").item(0).getTextContent());
        Element heatmap = XmlParts.svgTitled(html, "Confusion matrix, distilled student");
        NodeList texts = heatmap.getElementsByTagName("text");
        boolean labelShown = false;
        for (int i = 0; i < texts.getLength(); i++) {
            labelShown |= texts.item(i).getTextContent().equals(hostile);
        }
        assertTrue(labelShown, "the label is shown as text, as it was written");
        assertEquals(hostile, XmlParts.withClass(heatmap, "rect", "cell").get(0).getAttribute("data-gold"));
    }
}
