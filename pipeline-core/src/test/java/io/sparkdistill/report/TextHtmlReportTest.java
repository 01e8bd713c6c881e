package io.sparkdistill.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdistill.ingest.TaskType;
import io.sparkdistill.report.chart.Palette;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class TextHtmlReportTest {

    static String page(ChangesSincePreviousRun changes) {
        return TextHtmlReport.render(TextReportFixture.summary(), TaskType.QA, TextReportFixture.models(),
                TextReportFixture.comparison(), changes, TextReportFixture.examples());
    }

    private static String page() {
        return page(TextReportFixture.firstRun());
    }

    private static Element bar(Element chart, String series, String category) {
        return XmlParts.withClass(chart, "rect", "bar").stream().filter(b -> b.getAttribute("data-series")
                .equals(series) && b.getAttribute("data-category").equals(category)).findFirst().orElseThrow();
    }

    @Test
    void isWellFormedWithSixInlineCharts() {
        String html = page();
        Document document = XmlParts.parse(html);
        assertEquals("html", document.getDocumentElement().getTagName());
        assertEquals(List.of("Quality on the test split", "Agreement with the teacher",
                        "Inference time per example (log scale)", "Inference time per generated token (log scale)",
                        "F1 retained vs speed-up over the teacher", "Validation F1 per epoch"),
                XmlParts.svgImages(html).stream().map(d -> d.getDocumentElement().getAttribute("aria-label")).toList());
        XmlParts.assertLoadsNothingFromElsewhere(html);
    }

    @Test
    void qualityBarsShowEveryMetricOfEveryModelOnAHundredPointScale() {
        Element chart = XmlParts.svgTitled(page(), "Quality on the test split");
        List<Element> bars = XmlParts.withClass(chart, "rect", "bar");
        assertEquals(6, bars.size(), "exact match and F1 for three models");
        double pixelsPerPoint = XmlParts.number(bars.get(0), "height") / XmlParts.number(bars.get(0), "data-value");
        for (Element bar : bars) {
            assertEquals(pixelsPerPoint, XmlParts.number(bar, "height") / XmlParts.number(bar, "data-value"),
                    pixelsPerPoint * 1e-3);
        }
        assertEquals(200.0 / 100, pixelsPerPoint, 1e-3, "the 200-pixel axis spans 0-100");
        assertEquals(68, XmlParts.number(bar(chart, "Distilled student", "F1"), "data-value"));
        assertEquals(60, XmlParts.number(bar(chart, "Teacher", "exact match"), "data-value"));
    }

    @Test
    void agreementBarsShowOnlyTheStudents() {
        Element chart = XmlParts.svgTitled(page(), "Agreement with the teacher");
        assertEquals(4, XmlParts.withClass(chart, "rect", "bar").size());
        assertEquals(74, XmlParts.number(bar(chart, "Distilled student", "F1"), "data-value"));
    }

    @Test
    void latencyChartsDrawEachModelsPercentilesPerExampleAndPerToken() {
        Element perExample = XmlParts.svgTitled(page(), "Inference time per example (log scale)");
        assertEquals(9, XmlParts.withClass(perExample, "rect", "bar").size());
        assertEquals(1500, XmlParts.number(bar(perExample, "Teacher", "p99"), "data-value"));
        Element perToken = XmlParts.svgTitled(page(), "Inference time per generated token (log scale)");
        assertEquals(0.4, XmlParts.number(bar(perToken, "Distilled student", "p50"), "data-value"));
        assertTrue(XmlParts.number(bar(perToken, "Teacher", "p50"), "height")
                > XmlParts.number(bar(perToken, "Distilled student", "p50"), "height"));
    }

    @Test
    void aTeacherWithoutTokenCountsDrawsNoPerTokenBars() {
        List<io.sparkdistill.evaluate.TextModelEvaluation> models = TextReportFixture.summarisationModels(0.34);
        String html = TextHtmlReport.render(TextReportFixture.summary(TaskType.SUMMARISATION, "news", List.of()),
                TaskType.SUMMARISATION, models, TextReportFixture.summarisationComparison(0.34),
                TextReportFixture.firstRun(), List.of());
        Element perToken = XmlParts.svgTitled(html, "Inference time per generated token (log scale)");
        assertEquals(0, XmlParts.withClass(perToken, "rect", "bar").size(), "no model in the fixture has tokens");
        Element quality = XmlParts.svgTitled(html, "Quality on the test split");
        assertEquals(200.0, XmlParts.number(bar(quality, "Teacher", "ROUGE-L"), "height")
                / XmlParts.number(bar(quality, "Teacher", "ROUGE-L"), "data-value"), 1e-3, "the axis spans 0-1");
        assertTrue(XmlParts.svgImages(html).stream().map(d -> d.getDocumentElement().getAttribute("aria-label"))
                .noneMatch(t -> t.startsWith("Validation")), "no training summary, no validation chart");
    }

    @Test
    void theScatterPlacesTheDistilledStudentAtItsSpeedupAndPrimaryMetricRetained() {
        List<Element> points = XmlParts.withClass(XmlParts.svgTitled(page(),
                "F1 retained vs speed-up over the teacher"), "circle", "point");
        Element distilled = points.stream().filter(p -> p.getAttribute("data-series").equals("Distilled student"))
                .findFirst().orElseThrow();
        assertEquals(40, XmlParts.number(distilled, "data-x"), 1e-9);
        assertEquals(85, XmlParts.number(distilled, "data-y"), 1e-9);
    }

    @Test
    void showsTheComparisonTablesAndTheRunsDetails() {
        String html = page();
        assertTrue(html.contains("<tr><td>F1 (0-100)</td><td>80.0</td><td>68.0</td><td>-12.0 (85.0% retained)</td>"
                + "</tr>"), html);
        assertTrue(html.contains("<tr><td>F1 (0-100)</td><td>48.0</td><td>68.0</td><td>+20.0</td></tr>"));
        assertTrue(html.contains("<tr><td>F1 (0-100)</td><td>50.0</td><td>74.0</td><td>+24.0</td></tr>"));
        assertTrue(html.contains("<tr><td>Distilled student</td><td>7 of 8</td><td>4</td><td>67.5</td>"));
        assertTrue(html.contains("<tr><td>temperature</td><td>0.7</td></tr>"));
        assertTrue(html.contains(
                "<tr><td>teacher</td><td>llama-3.1-8b-instruct (vllm), fingerprint 0123abcd</td></tr>"), html);
    }

    @Test
    void flagsARegressionWithTheDropItWasAllowed() {
        String html = page(TextChangesSincePreviousRunTest.distilledF1Was(69.5));
        int banner = html.indexOf("<p class=\"regression\">Regression since run previous-run: Distilled student F1 "
                + "dropped by more than 1.000.</p>");
        assertTrue(banner > 0, html);
        assertTrue(banner < html.indexOf("<svg"));
        assertTrue(html.contains("<td class=\"flag\">REGRESSION: dropped more than 1.000</td>"));
    }

    private static String pageWithTrivialBaseline() {
        return TextHtmlReport.render(TextReportFixture.summary(), TaskType.QA, TextReportFixture.models(),
                TextReportFixture.trivialBaseline(), TextReportFixture.comparison(), TextReportFixture.firstRun(),
                TextReportFixture.examples());
    }

    @Test
    void showsTheTrivialBaselineBesideTheModelsWithTheStudentsMarginsOverIt() {
        String html = pageWithTrivialBaseline();
        XmlParts.parse(html);
        assertTrue(html.contains(" · trivial baseline: the best-overlap sentence</p>"), html);
        assertTrue(html.contains("<p class=\"headline\">The distilled student keeps 85.0% of the teacher&#39;s F1 "
                + "and answers 40.0x faster per example. It scores +38.0 F1 over the trivial baseline.</p>"), html);
        assertTrue(html.contains("<h2>Against the trivial baseline</h2>\n<p>Trivial baseline: the best-overlap "
                + "sentence. On F1, distilled +38.0 over the trivial baseline, baseline student +18.0.</p>"), html);
        assertTrue(html.contains("<tr><td>F1 (0-100)</td><td>30.0</td><td>48.0</td><td>68.0</td><td>+18.0</td>"
                + "<td>+38.0</td></tr>"));
        assertTrue(html.contains("<tr><td>F1 (0-100)</td><td>80.0</td><td>48.0</td><td>68.0</td><td>30.0</td>"
                + "</tr>"), "the trivial baseline's column in every model's quality");
    }

    @Test
    void theQualityChartDrawsTheTrivialBaselineAsAFourthGreyBarOfEveryMetric() {
        Element chart = XmlParts.svgTitled(pageWithTrivialBaseline(), "Quality on the test split");
        assertEquals(8, XmlParts.withClass(chart, "rect", "bar").size());
        Element trivial = bar(chart, "Trivial baseline", "F1");
        assertEquals(30, XmlParts.number(trivial, "data-value"));
        assertEquals(Palette.TRIVIAL, trivial.getAttribute("fill"));
        assertEquals(4, XmlParts.withClass(XmlParts.svgTitled(pageWithTrivialBaseline(),
                "Agreement with the teacher"), "rect", "bar").size(), "a rule has no agreement with the teacher");
    }

    @Test
    void showsWorkedExamplesAsEscapedTextWithTheirLineBreaks() {
        String html = page();
        assertFalse(html.contains("<script"), "a model's answer became markup");
        assertFalse(html.contains("<b>France"), "a prompt became markup");
        Document document = XmlParts.parse(html);
        NodeList tables = document.getElementsByTagName("table");
        Element example = null;
        for (int i = 0; i < tables.getLength(); i++) {
            Element table = (Element) tables.item(i);
            if (table.getAttribute("class").equals("texts") && example == null) {
                example = table;
            }
        }
        NodeList cells = example.getElementsByTagName("td");
        assertEquals("Prompt", cells.item(0).getTextContent());
        assertEquals(TextReportFixture.examples().get(0).prompt(), cells.item(1).getTextContent());
        assertTrue(cells.item(1).getTextContent().contains("\n"), "the line break is kept for pre-wrap");
        assertEquals("Distilled student", cells.item(10).getTextContent());
        assertEquals(TextReportFixture.HOSTILE + " Paris ```", cells.item(11).getTextContent());
    }
}
