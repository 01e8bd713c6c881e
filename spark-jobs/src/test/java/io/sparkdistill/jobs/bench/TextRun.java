package io.sparkdistill.jobs.bench;

import io.sparkdistill.jobs.store.GenerateSummary;
import io.sparkdistill.jobs.store.TrainSummary;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One text-task run of the benchmark (generate, train, evaluate under one seed and one student family) and the
 * figures read back from what the pipeline wrote: metrics.json for quality, latency and size, the stages' summaries
 * for training time and what the teacher's answers came to. Reading the pipeline's own files keeps the benchmark
 * reporting what a user's run reports.
 *
 * @param family  the saved distilled student's family ({@code student.json})
 * @param minutes the whole run, generate to evaluate
 */
record TextRun(String dataSet, long seed, String family, JsonNode metrics, GenerateSummary generate,
               TrainSummary train, double minutes) {

    String primary() {
        return metrics.at("/quality_metrics/primary").asText();
    }

    /** The metric names, the primary first, then the rest as the teacher's quality lists them. */
    List<String> metricNames() {
        List<String> names = new ArrayList<>(List.of(primary()));
        metrics.at("/models/teacher/quality").fieldNames().forEachRemaining(n -> {
            if (!names.contains(n)) {
                names.add(n);
            }
        });
        return names;
    }

    /** 100 or 1: the scale the metric is on. */
    double fullScale(String metric) {
        return metrics.at("/quality_metrics/full_scale/" + metric).asDouble(1);
    }

    /** A model's quality ({@code teacher}, {@code baseline}, {@code distilled}) by metric. */
    Map<String, Double> quality(String role) {
        return values(metrics.at("/models/" + role + "/quality"));
    }

    double latencyP50Ms(String role) {
        return number(metrics.at("/models/" + role + "/latency/p50_ms"));
    }

    /** NaN when unknown (the teacher's). */
    double parameters(String role) {
        return positive(metrics.at("/models/" + role + "/parameter_count"));
    }

    double sizeOnDiskBytes(String role) {
        return positive(metrics.at("/models/" + role + "/size_on_disk_bytes"));
    }

    /** What the pipeline's trivial baseline does, or null when metrics.json has none. */
    String trivialDescription() {
        JsonNode d = metrics.at("/trivial_baseline/description");
        return d.isMissingNode() ? null : d.asText();
    }

    Map<String, Double> trivialQuality() {
        return values(metrics.at("/trivial_baseline/quality"));
    }

    /** One student's train stage, minutes ({@code baseline} or {@code distilled}). */
    double trainMinutes(String kind) {
        TrainSummary.StudentRun student = train.students().get(kind);
        return student == null ? Double.NaN : student.seconds() / 60;
    }

    /** The distilled student's training examples and those its family could not learn from, by reason. */
    String learnable() {
        TrainSummary.StudentRun distilled = train.students().get("distilled");
        long unusable = distilled.notLearnable().values().stream().mapToLong(Long::longValue).sum();
        return distilled.trainingExamples() + " of " + (distilled.trainingExamples() + unusable)
                + (unusable == 0 ? "" : " (not learnable: " + distilled.notLearnable() + ")");
    }

    private static Map<String, Double> values(JsonNode node) {
        Map<String, Double> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), number(e.getValue())));
        return out;
    }

    private static double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : Double.NaN;
    }

    private static double positive(JsonNode node) {
        double v = number(node);
        return v > 0 ? v : Double.NaN;
    }
}
