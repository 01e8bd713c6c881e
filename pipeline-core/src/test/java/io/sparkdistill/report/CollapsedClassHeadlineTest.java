package io.sparkdistill.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.evaluate.ClassificationScores;
import io.sparkdistill.evaluate.DistillationComparison;
import io.sparkdistill.evaluate.ModelEvaluation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CollapsedClassHeadlineTest {
    private static final String PER_CLASS = "Per-class F1 of the distilled student (teacher's in brackets): "
            + "positive 0.905 (0.950), negative 0.855 (0.900), neutral 0.000 (0.850); neutral collapsed to 0.";

    /** The fixture's distilled student, never right on "neutral" (its 250 test examples all predicted otherwise). */
    private static ModelEvaluation collapsedDistilled() {
        ModelEvaluation d = ReportFixture.distilled();
        ClassificationScores s = d.scores();
        Map<String, Double> f1 = new LinkedHashMap<>(s.perClassF1());
        f1.put("neutral", 0.0);
        int[][] confusion = {{380, 10, 10}, {20, 300, 30}, {125, 125, 0}};
        ClassificationScores scores = new ClassificationScores(s.labels(), s.count(), s.accuracy(), s.macroF1(), f1,
                s.perClassSupport(), confusion, s.ece(), s.meanConfidence());
        return new ModelEvaluation(d.role(), d.description(), scores, d.latency(), d.batchThroughputPerSecond(),
                d.parameterCount(), d.sizeOnDiskBytes(), d.memoryBytes());
    }

    private static List<ModelEvaluation> collapsedModels() {
        return List.of(ReportFixture.teacher(), ReportFixture.baseline(), collapsedDistilled());
    }

    private static DistillationComparison collapsedComparison() {
        return DistillationComparison.of(ReportFixture.teacher(), ReportFixture.baseline(), collapsedDistilled());
    }

    @Test
    void theMarkdownHeadlineGivesPerClassF1WhenAClassCollapses() {
        String md = MarkdownReport.render(ReportFixture.summary(), collapsedModels(), collapsedComparison(),
                ReportFixture.firstRun());
        String headline = "**The distilled student keeps 92.1% of the teacher's accuracy and answers 512x faster per "
                + "example. " + PER_CLASS + "**";
        assertTrue(md.lines().anyMatch(headline::equals), "missing headline:\n" + headline + "\nin:\n" + md);
    }

    @Test
    void theHtmlHeadlineGivesPerClassF1WhenAClassCollapses() {
        String html = HtmlReport.render(ReportFixture.summary(), collapsedModels(), collapsedComparison(),
                ReportFixture.firstRun());
        assertTrue(html.contains("<p class=\"headline\">") && html.contains(PER_CLASS.replace("'", "&#39;")),
                html);
    }

    @Test
    void metricsJsonNamesTheCollapsedClassesAndCarriesTheHeadline() throws Exception {
        JsonNode comparison = new ObjectMapper().readTree(MetricsJson.render(ReportFixture.summary(),
                collapsedModels(), collapsedComparison(), ReportFixture.firstRun())).get("comparison");
        assertEquals(List.of("neutral"), new ObjectMapper().convertValue(comparison.get("collapsed_classes"),
                List.class));
        assertTrue(comparison.get("headline").asText().endsWith(PER_CLASS), comparison.get("headline").asText());
    }

    @Test
    void withNoCollapsedClassTheHeadlineHasNoPerClassSentence() throws Exception {
        String md = MarkdownReport.render(ReportFixture.summary(), ReportFixture.models(), ReportFixture.comparison(),
                ReportFixture.firstRun());
        assertFalse(md.contains("Per-class F1 of the distilled student"), md);
        String html = HtmlReport.render(ReportFixture.summary(), ReportFixture.models(), ReportFixture.comparison(),
                ReportFixture.firstRun());
        assertFalse(html.contains("Per-class F1 of the distilled student"));
        JsonNode comparison = new ObjectMapper().readTree(MetricsJson.render(ReportFixture.summary(),
                ReportFixture.models(), ReportFixture.comparison(), ReportFixture.firstRun())).get("comparison");
        assertEquals(0, comparison.get("collapsed_classes").size());
        assertFalse(comparison.get("headline").asText().contains("Per-class"));
    }

    @Test
    void aClassWithNoTestExampleDoesNotCountAsCollapsed() {
        ModelEvaluation d = collapsedDistilled();
        ClassificationScores s = d.scores();
        Map<String, Long> support = new LinkedHashMap<>(s.perClassSupport());
        support.put("neutral", 0L);
        ClassificationScores noNeutral = new ClassificationScores(s.labels(), s.count(), s.accuracy(), s.macroF1(),
                s.perClassF1(), support, s.confusion(), s.ece(), s.meanConfidence());
        assertEquals(List.of(), CollapsedClasses.of(new ModelEvaluation(d.role(), d.description(), noNeutral,
                d.latency(), d.batchThroughputPerSecond(), d.parameterCount(), d.sizeOnDiskBytes(),
                d.memoryBytes())));
    }
}
