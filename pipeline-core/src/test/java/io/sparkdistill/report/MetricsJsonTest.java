package io.sparkdistill.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.evaluate.DistillationComparison;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode rendered() throws Exception {
        return MAPPER.readTree(MetricsJson.render(ReportFixture.summary(), ReportFixture.models(),
                ReportFixture.comparison(), ReportFixture.firstRun()));
    }

    @Test
    void parsesBackWithSummaryModelsAndComparisonAtTheTop() throws Exception {
        JsonNode root = rendered();
        assertEquals(List.of("schema_version", "summary", "models", "comparison", "training", "since_previous_run"),
                fieldNames(root));
        assertEquals(3, root.get("schema_version").asInt());
        assertEquals(List.of("teacher", "baseline", "distilled"), fieldNames(root.get("models")));
    }

    @Test
    void writesTheSummaryInSnakeCaseKeepingTheCallersOrder() throws Exception {
        JsonNode summary = rendered().get("summary");
        assertEquals("support-sentiment", summary.get("job_name").asText());
        assertEquals("classification", summary.get("task").asText());
        assertEquals(List.of("train", "validation", "test"), fieldNames(summary.get("input_counts")));
        assertEquals(3, summary.get("quarantined_counts").get("missing field 'text'").asLong());
        assertEquals(4990, summary.get("teacher_calls_made").asLong());
        assertEquals(4987, summary.get("synthetic_rows").asLong());
        assertEquals(312.4, summary.get("stage_seconds").get("generate").asDouble());
        assertEquals(0.01, summary.get("hyperparameters").get("learning_rate").asDouble());
        assertEquals(42, summary.get("provenance").get("seed").asInt());
        assertEquals("abc123", summary.at("/provenance/teacher/fingerprint").asText());
        assertEquals("9f86d081", summary.at("/provenance/inputs/0/sha256").asText());
        assertEquals("runs/support-sentiment", summary.at("/details/run_dir").asText());
        assertEquals("neutral", summary.get("labels").get(2).asText());
    }

    @Test
    void writesEachModelsScoresLatencyAndSize() throws Exception {
        JsonNode teacher = rendered().get("models").get("teacher");
        assertEquals("teacher", teacher.get("role").asText());
        assertEquals(0.945, teacher.get("scores").get("accuracy").asDouble());
        assertEquals(0.90, teacher.get("scores").get("macro_f1").asDouble());
        assertEquals(List.of("positive", "negative", "neutral"), fieldNames(teacher.get("scores").get("per_class_f1")));
        assertEquals(350, teacher.get("scores").get("per_class_support").get("negative").asLong());
        assertEquals(30, teacher.get("scores").get("confusion_matrix").get(1).get(2).asInt());
        assertEquals(0.042, teacher.get("scores").get("ece").asDouble());
        assertEquals(12.8, teacher.get("latency").get("p50_ms").asDouble());
        assertEquals(19.2, teacher.get("latency").get("p95_ms").asDouble());
        assertEquals(22_700_000, teacher.get("parameter_count").asLong());
        assertEquals(90_000_000, teacher.get("size_on_disk_bytes").asLong());
        assertEquals(180_000_000, teacher.get("memory_bytes").asLong());
        assertEquals(400, teacher.get("batch_throughput_per_second").asDouble());
    }

    @Test
    void writesTheComparisonFigures() throws Exception {
        JsonNode comparison = rendered().get("comparison");
        assertEquals(512.0, comparison.get("speedup_p50").asDouble(), 1e-9);   // 12.8 / 0.025
        assertEquals(95.0, comparison.get("macro_f1_retained_percent").asDouble(), 1e-9);
        assertEquals(7.0, comparison.get("accuracy_gain_points").asDouble(), 1e-9);
        assertEquals(30.0, comparison.get("memory_ratio").asDouble(), 1e-9);
    }

    @Test
    void writesEachStudentsTrainingCurveAndTheEpochKept() throws Exception {
        JsonNode distilled = rendered().get("training").get("distilled");
        assertEquals(10, distilled.get("planned_epochs").asInt());
        assertEquals(7, distilled.get("epochs_run").asInt());
        assertEquals(4, distilled.get("best_epoch").asInt());
        assertTrue(distilled.get("stopped_early").asBoolean());
        assertEquals(0.87, distilled.get("validation_accuracy").get(3).asDouble());
        assertEquals(7, distilled.get("training_loss").size());
    }

    @Test
    void writesAFigureThatCouldNotBeMeasuredAsNullNotAsAString() throws Exception {
        DistillationComparison noSizes = new DistillationComparison(92, 95, 512, 500, 250, Double.NaN, 20,
                Double.POSITIVE_INFINITY, 7, 10.5);
        JsonNode comparison = MAPPER.readTree(MetricsJson.render(ReportFixture.summary(), ReportFixture.models(),
                noSizes, ReportFixture.firstRun())).get("comparison");
        assertTrue(comparison.get("size_ratio").isNull());
        assertTrue(comparison.get("memory_ratio").isNull());
        assertTrue(comparison.get("parameter_ratio").isNumber());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
