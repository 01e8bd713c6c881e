package io.sparkdistill.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextMetricsJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode rendered() throws Exception {
        return JSON.readTree(TextReportFixture.metricsJson());
    }

    @Test
    void hasTheLabelTasksFrameWithTheTextTasksFiguresInBetween() throws Exception {
        JsonNode root = rendered();
        assertEquals(List.of("schema_version", "summary", "quality_metrics", "models", "comparison", "training",
                "since_previous_run"), fieldNames(root));
        assertEquals(MetricsJson.SCHEMA_VERSION, root.get("schema_version").asInt());
        assertEquals("qa", root.get("summary").get("task").asText());
        assertEquals(0, root.get("summary").get("labels").size());
        assertEquals(32, root.get("summary").get("hyperparameters").get("batch_size").asInt());
        assertEquals("llama-3.1-8b-instruct", root.at("/summary/provenance/teacher/name").asText());
        assertEquals(List.of("teacher", "baseline", "distilled"), fieldNames(root.get("models")));
        assertTrue(root.get("since_previous_run").isNull());
    }

    @Test
    void namesThePrimaryMetricAndTheFullScaleOfEveryMetric() throws Exception {
        JsonNode metrics = rendered().get("quality_metrics");
        assertEquals("f1", metrics.get("primary").asText());
        assertEquals(List.of("exact_match", "f1"), fieldNames(metrics.get("full_scale")));
        assertEquals(100, metrics.get("full_scale").get("f1").asDouble());
        JsonNode rouge = JSON.readTree(TextReportFixture.summarisationMetricsJson(0.34)).get("quality_metrics");
        assertEquals("rougeL", rouge.get("primary").asText());
        assertEquals(1, rouge.get("full_scale").get("rouge2").asDouble());
    }

    @Test
    void holdsEveryMetricOfEveryModelAndEachStudentsAgreementWithTheTeacher() throws Exception {
        JsonNode models = rendered().get("models");
        assertEquals(60, models.get("teacher").get("quality").get("exact_match").asDouble());
        assertEquals(80, models.get("teacher").get("quality").get("f1").asDouble());
        assertEquals(48, models.get("baseline").get("quality").get("f1").asDouble());
        assertEquals(45, models.get("distilled").get("quality").get("exact_match").asDouble());
        assertEquals(0, models.get("teacher").get("agreement").size(), "the teacher agrees with itself: no entry");
        assertEquals(50, models.get("baseline").get("agreement").get("f1").asDouble());
        assertEquals(55, models.get("distilled").get("agreement").get("exact_match").asDouble());
    }

    @Test
    void holdsLatencyPerExampleAndPerTokenThroughputAndSizes() throws Exception {
        JsonNode teacher = rendered().get("models").get("teacher");
        assertEquals(List.of("role", "description", "quality", "agreement", "latency", "latency_per_token",
                "mean_generated_tokens", "throughput_per_second", "parameter_count", "size_on_disk_bytes",
                "memory_bytes"), fieldNames(teacher));
        assertEquals(400, teacher.get("latency").get("p50_ms").asDouble());
        assertEquals(900, teacher.get("latency").get("p95_ms").asDouble());
        assertEquals(1500, teacher.get("latency").get("p99_ms").asDouble());
        assertEquals(20, teacher.get("latency_per_token").get("p50_ms").asDouble());
        assertEquals(60, teacher.get("latency_per_token").get("p99_ms").asDouble());
        assertEquals(20, teacher.get("mean_generated_tokens").asDouble());
        assertEquals(2.5, teacher.get("throughput_per_second").asDouble());
        assertEquals(8_000_000_000L, teacher.get("parameter_count").asLong());
        assertEquals(16_000_000_000L, teacher.get("size_on_disk_bytes").asLong());
        assertEquals(17_000_000_000L, teacher.get("memory_bytes").asLong());
        assertEquals(0.4, rendered().get("models").get("distilled").get("latency_per_token").get("p50_ms").asDouble());
    }

    @Test
    void writesWhatIsUnknownAboutAnApiTeacherAsNullOrMinusOne() throws Exception {
        JsonNode teacher = JSON.readTree(TextReportFixture.summarisationMetricsJson(0.34)).get("models")
                .get("teacher");
        assertTrue(teacher.get("latency_per_token").isNull());
        assertTrue(teacher.get("mean_generated_tokens").isNull());
        assertTrue(teacher.get("throughput_per_second").isNull());
        assertEquals(-1, teacher.get("parameter_count").asLong());
    }

    @Test
    void holdsRetentionImprovementAndSpeedUps() throws Exception {
        JsonNode c = rendered().get("comparison");
        assertEquals("f1", c.get("primary_metric").asText());
        assertEquals(85.0, c.get("retained_percent").asDouble(), 1e-9);          // 68 / 80
        assertEquals(60.0, c.get("baseline_retained_percent").asDouble(), 1e-9); // 48 / 80
        assertEquals(20.0, c.get("improvement_over_baseline").asDouble(), 1e-9); // 68 - 48
        assertEquals(75.0, c.get("retained_percent_per_metric").get("exact_match").asDouble(), 1e-9);
        assertEquals(15.0, c.get("improvement_per_metric").get("exact_match").asDouble(), 1e-9);
        assertEquals(40.0, c.get("speedup_p50").asDouble(), 1e-9);               // 400 / 10
        assertEquals(50.0, c.get("speedup_per_token_p50").asDouble(), 1e-9);     // 20 / 0.4
        assertEquals(40.0, c.get("throughput_ratio").asDouble(), 1e-9);          // 100 / 2.5
        assertEquals(1600.0, c.get("parameter_ratio").asDouble(), 1e-9);
        assertEquals(800.0, c.get("size_ratio").asDouble(), 1e-9);
        assertEquals(425.0, c.get("memory_ratio").asDouble(), 1e-9);
    }

    @Test
    void namesEachEpochsValidationFigureAfterThePrimaryMetric() throws Exception {
        JsonNode distilled = rendered().get("training").get("distilled");
        assertEquals(7, distilled.get("epochs_run").asInt());
        assertEquals(4, distilled.get("best_epoch").asInt());
        assertEquals(67.5, distilled.get("validation_f1").get(3).asDouble());
        assertTrue(distilled.path("validation_accuracy").isMissingNode());
    }

    @Test
    void writesTheTrivialBaselineBesideTheModelsWithTheStudentsMarginsOverIt() throws Exception {
        JsonNode root = JSON.readTree(TextReportFixture.metricsJsonWithTrivialBaseline());
        assertEquals(List.of("schema_version", "summary", "quality_metrics", "models", "trivial_baseline",
                "comparison", "training", "since_previous_run"), fieldNames(root));
        JsonNode trivial = root.get("trivial_baseline");
        assertEquals("the best-overlap sentence", trivial.get("description").asText());
        assertEquals(30, trivial.get("quality").get("f1").asDouble());
        assertEquals(2, trivial.get("quality").get("exact_match").asDouble());
        assertEquals(18, trivial.get("baseline_margin").asDouble(), 1e-9);  // 48 - 30 on F1, the primary metric
        assertEquals(38, trivial.get("distilled_margin").asDouble(), 1e-9); // 68 - 30
        assertEquals(43, trivial.get("margin_per_metric").get("distilled").get("exact_match").asDouble(), 1e-9);
        assertEquals(28, trivial.get("margin_per_metric").get("baseline").get("exact_match").asDouble(), 1e-9);
        assertEquals(List.of("teacher", "baseline", "distilled"), fieldNames(root.get("models")),
                "the baseline is no fourth model");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
