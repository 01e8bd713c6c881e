package io.sparkdistill.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ChangesSincePreviousRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String HISTORY = "runs/job/history/previous-run-metrics.json";

    private static String current() {
        return MetricsJson.render(ReportFixture.summary(), ReportFixture.models(), ReportFixture.comparison(),
                ReportFixture.firstRun());
    }

    /** The fixture's metrics.json as an earlier run "previous-run" wrote it, with {@code edit} applied. */
    private static String previous(Consumer<ObjectNode> edit) {
        return previous(current(), edit);
    }

    /** {@code current}, a metrics.json, as an earlier run "previous-run" wrote it, with {@code edit} applied. */
    static String previous(String current, Consumer<ObjectNode> edit) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(current);
            ((ObjectNode) root.get("summary")).put("run_id", "previous-run");
            edit.accept(root);
            return JSON.writeValueAsString(root);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode scores(ObjectNode root, String role) {
        return (ObjectNode) root.get("models").get(role).get("scores");
    }

    /** The fixture compared with a previous run whose distilled student had {@code accuracy} (now 0.87). */
    static ChangesSincePreviousRun distilledAccuracyWas(double accuracy, double tolerance) {
        return ChangesSincePreviousRun.between(previous(root -> scores(root, "distilled").put("accuracy", accuracy)),
                current(), tolerance, HISTORY);
    }

    private static ChangesSincePreviousRun.MetricChange change(ChangesSincePreviousRun changes, String key) {
        return changes.changes().stream().filter(c -> c.key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void aDropBeyondTheToleranceIsARegressionNamedByItsKey() {
        ChangesSincePreviousRun changes = distilledAccuracyWas(0.89, 0.01);
        assertEquals("previous-run", changes.previousRunId());
        assertEquals(HISTORY, changes.previousMetrics());
        assertEquals(List.of("models.distilled.scores.accuracy"),
                changes.regressions().stream().map(ChangesSincePreviousRun.MetricChange::key).toList());
        assertEquals(-0.02, change(changes, "models.distilled.scores.accuracy").change(), 1e-12);
    }

    @Test
    void aDropWithinTheToleranceIsShownButNotFlagged() {
        ChangesSincePreviousRun changes = distilledAccuracyWas(0.879, 0.01);
        assertTrue(changes.regressions().isEmpty());
        assertEquals(-0.009, change(changes, "models.distilled.scores.accuracy").change(), 1e-12);
        assertTrue(distilledAccuracyWas(0.88, 0.01).regressions().isEmpty(), "a drop of exactly the tolerance");
    }

    @Test
    void aRiseIsNeverARegression() {
        assertTrue(distilledAccuracyWas(0.50, 0.01).regressions().isEmpty());
    }

    @Test
    void forCalibrationErrorARiseIsTheDrop() {
        ChangesSincePreviousRun changes = ChangesSincePreviousRun.between(
                previous(root -> scores(root, "baseline").put("ece", 0.01)), current(), 0.01, HISTORY);
        // The fixture's ECE is 0.042: 0.032 worse than the previous 0.010.
        assertEquals(List.of("models.baseline.scores.ece"),
                changes.regressions().stream().map(ChangesSincePreviousRun.MetricChange::key).toList());
    }

    @Test
    void latencyIsComparedButNeverJudged() {
        ChangesSincePreviousRun changes = ChangesSincePreviousRun.between(previous(root ->
                ((ObjectNode) root.get("models").get("distilled").get("latency")).put("p50_ms", 0.001)),
                current(), 0.01, HISTORY);
        ChangesSincePreviousRun.MetricChange p50 = change(changes, "models.distilled.latency.p50_ms");
        assertEquals(0.001, p50.previous());
        assertEquals(0.025, p50.current());
        assertFalse(p50.judged());
        assertTrue(changes.regressions().isEmpty());
    }

    @Test
    void aMetricMissingFromThePreviousRunIsLeftOut() {
        ChangesSincePreviousRun changes = ChangesSincePreviousRun.between(
                previous(root -> scores(root, "teacher").remove("macro_f1")), current(), 0.01, HISTORY);
        assertTrue(changes.changes().stream().noneMatch(c -> c.key().equals("models.teacher.scores.macro_f1")));
        assertTrue(changes.changes().stream().anyMatch(c -> c.key().equals("models.distilled.scores.macro_f1")));
    }

    @Test
    void metricsJsonCarriesTheChangesAndTheRegressions() throws Exception {
        JsonNode since = JSON.readTree(MetricsJson.render(ReportFixture.summary(), ReportFixture.models(),
                ReportFixture.comparison(), distilledAccuracyWas(0.89, 0.01))).get("since_previous_run");
        assertEquals("previous-run", since.get("previous_run_id").asText());
        assertEquals(HISTORY, since.get("previous_metrics").asText());
        assertEquals("models.distilled.scores.accuracy", since.get("regressions").get(0).asText());
        JsonNode first = since.get("changes").get(0);
        assertEquals("models.teacher.scores.accuracy", first.get("key").asText());
        assertFalse(first.get("regression").asBoolean());
        assertTrue(JSON.readTree(current()).get("since_previous_run").isNull(), "null on the first run");
    }

    @Test
    void refusesSomethingThatIsNotAMetricsFile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChangesSincePreviousRun.between("{\"a\": 1}", current(), 0.01, HISTORY));
        assertTrue(e.getMessage().contains("previous metrics.json has no \"models\" section"), e.getMessage());
    }
}
