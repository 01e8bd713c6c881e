package io.sparkdistill.report;

import static io.sparkdistill.report.ChangesSincePreviousRunTest.previous;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The nightly comparison on a text task's metrics.json: every quality metric of every model, on its own scale. */
class TextChangesSincePreviousRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode quality(ObjectNode root, String role) {
        return (ObjectNode) root.get("models").get(role).get("quality");
    }

    /** The qa fixture (distilled F1 now 68, on 0-100) against a previous run where it was {@code f1}. */
    static ChangesSincePreviousRun distilledF1Was(double f1) {
        String current = TextReportFixture.metricsJson();
        return ChangesSincePreviousRun.between(previous(current, root -> quality(root, "distilled").put("f1", f1)),
                current, 0.01, ChangesSincePreviousRunTest.HISTORY);
    }

    private static List<String> regressions(ChangesSincePreviousRun changes) {
        return changes.regressions().stream().map(ChangesSincePreviousRun.MetricChange::key).toList();
    }

    @Test
    void everyQualityMetricOfEveryModelIsCompared() {
        ChangesSincePreviousRun changes = distilledF1Was(68);
        List<String> keys = changes.changes().stream().filter(ChangesSincePreviousRun.MetricChange::judged)
                .map(ChangesSincePreviousRun.MetricChange::key).toList();
        assertEquals(List.of("models.teacher.quality.exact_match", "models.teacher.quality.f1",
                "models.baseline.quality.exact_match", "models.baseline.quality.f1",
                "models.distilled.quality.exact_match", "models.distilled.quality.f1"), keys);
        assertTrue(changes.changes().stream().allMatch(c -> !c.judged() || c.higherIsBetter()));
        assertTrue(changes.regressions().isEmpty());
    }

    @Test
    void onAHundredPointScaleTheToleranceIsOnePointPerHundredth() {
        ChangesSincePreviousRun dropped = distilledF1Was(69.5);
        assertEquals(List.of("models.distilled.quality.f1"), regressions(dropped));
        ChangesSincePreviousRun.MetricChange f1 = dropped.regressions().get(0);
        assertEquals(1.0, f1.allowedDrop(), 1e-12);
        assertEquals(-1.5, f1.change(), 1e-12);
        assertTrue(regressions(distilledF1Was(68.8)).isEmpty(), "0.8 points is within 1 point");
        assertTrue(regressions(distilledF1Was(69.0)).isEmpty(), "exactly the allowed drop");
    }

    @Test
    void onAZeroToOneScaleTheToleranceIsTheShareItself() {
        String current = TextReportFixture.summarisationMetricsJson(0.34);
        ChangesSincePreviousRun dropped = ChangesSincePreviousRun.between(previous(current,
                root -> quality(root, "distilled").put("rougeL", 0.355)), current, 0.01, "h.json");
        assertEquals(List.of("models.distilled.quality.rougeL"), regressions(dropped));
        assertEquals(0.01, dropped.regressions().get(0).allowedDrop(), 1e-12);
        ChangesSincePreviousRun within = ChangesSincePreviousRun.between(previous(current,
                root -> quality(root, "distilled").put("rougeL", 0.348)), current, 0.01, "h.json");
        assertTrue(within.regressions().isEmpty());
    }

    @Test
    void agreementWithTheTeacherIsNotJudged() {
        String current = TextReportFixture.metricsJson();
        ChangesSincePreviousRun changes = ChangesSincePreviousRun.between(previous(current, root ->
                ((ObjectNode) root.get("models").get("distilled").get("agreement")).put("f1", 99)), current, 0.01,
                "h.json");
        assertTrue(changes.regressions().isEmpty());
        assertTrue(changes.changes().stream().noneMatch(c -> c.key().contains("agreement")));
    }

    @Test
    void theTrivialBaselineIsNotJudged() {
        String current = TextReportFixture.metricsJsonWithTrivialBaseline();
        ChangesSincePreviousRun changes = ChangesSincePreviousRun.between(previous(current, root ->
                ((ObjectNode) root.get("trivial_baseline").get("quality")).put("f1", 60)), current, 0.01, "h.json");
        assertTrue(changes.regressions().isEmpty());
        assertTrue(changes.changes().stream().noneMatch(c -> c.key().contains("trivial")));
    }

    @Test
    void latencyPerTokenIsShownButNotJudged() {
        ChangesSincePreviousRun.MetricChange perToken = distilledF1Was(68).changes().stream()
                .filter(c -> c.key().equals("models.distilled.latency_per_token.p50_ms")).findFirst().orElseThrow();
        assertFalse(perToken.judged());
        assertEquals("Distilled student latency per token p50", ReportTables.metricName(perToken.key()));
    }

    @Test
    void aLabelTasksPreviousRunGivesNoQualityComparison() {
        String labelRun = MetricsJson.render(ReportFixture.summary(), ReportFixture.models(),
                ReportFixture.comparison(), ReportFixture.firstRun());
        ChangesSincePreviousRun changes = ChangesSincePreviousRun.between(labelRun, TextReportFixture.metricsJson(),
                0.01, "h.json");
        assertTrue(changes.changes().stream().noneMatch(ChangesSincePreviousRun.MetricChange::judged));
    }

    @Test
    void metricsJsonRecordsEachRegressionsAllowedDrop() throws Exception {
        JsonNode since = JSON.readTree(TextMetricsJson.render(TextReportFixture.summary(),
                io.sparkdistill.ingest.TaskType.QA, TextReportFixture.models(), TextReportFixture.comparison(),
                distilledF1Was(69.5))).get("since_previous_run");
        assertEquals("models.distilled.quality.f1", since.get("regressions").get(0).asText());
        JsonNode f1 = null;
        for (JsonNode change : since.get("changes")) {
            if (change.get("key").asText().equals("models.distilled.quality.f1")) {
                f1 = change;
            }
        }
        assertEquals(1.0, f1.get("allowed_drop").asDouble(), 1e-12);
        assertTrue(f1.get("regression").asBoolean());
    }
}
