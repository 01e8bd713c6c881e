package io.sparkdistill.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkdistill.evaluate.TextComparison;
import io.sparkdistill.evaluate.TextModelEvaluation;
import io.sparkdistill.evaluate.baseline.TrivialBaselineScores;
import io.sparkdistill.ingest.TaskType;
import java.util.List;
import java.util.Map;

/**
 * Writes the metrics.json of a text task's run (conversation, qa, summarisation, math): the machine-readable twin of
 * {@link TextMarkdownReport}, in the same frame as the label tasks' file ({@link MetricsJson}: same
 * {@code schema_version}, {@code summary}, {@code training} and {@code since_previous_run}), with the text task's
 * models and comparison in between. A reader tells the two shapes apart by {@code summary.task}.
 *
 * <pre>
 * {
 *   "schema_version": 3,
 *   "summary": { as in MetricsJson; "labels" is empty },
 *   "quality_metrics": { "primary" (the metric retention is measured on),
 *                        "full_scale": {metric: 100 or 1} },
 *   "models": {
 *     "teacher" | "baseline" | "distilled": {
 *       "role", "description",
 *       "quality": {metric: value} (against the gold references),
 *       "agreement": {metric: value} (against the teacher's answers; empty for the teacher),
 *       "latency": { "count", "mean_ms", "p50_ms", "p95_ms", "p99_ms", "throughput_per_second" } (per example),
 *       "latency_per_token": the same per generated token, or null when the tokens are unknown,
 *       "mean_generated_tokens", "throughput_per_second" (examples/s),
 *       "parameter_count", "size_on_disk_bytes", "memory_bytes" (-1 when unknown) } },
 *   "trivial_baseline": { "description", "quality": {metric: value},
 *                         "baseline_margin", "distilled_margin" (student - trivial on the primary metric),
 *                         "margin_per_metric": { "baseline" | "distilled": {metric: student - trivial} } }
 *                       (only when the run has one: a rule with no learning a student must beat; not judged
 *                       by since_previous_run, as it changes only with the data),
 *   "comparison": { "primary_metric", "retained_percent", "baseline_retained_percent", "improvement_over_baseline",
 *                   "retained_percent_per_metric": {metric: %}, "improvement_per_metric": {metric: change},
 *                   "speedup_p50", "speedup_mean", "speedup_per_token_p50", "throughput_ratio",
 *                   "parameter_ratio", "size_ratio", "memory_ratio" },
 *   "training": { "baseline" | "distilled": { "planned_epochs", "epochs_run", "best_epoch", "stopped_early",
 *                                             "validation_&lt;primary&gt;": [per epoch],
 *                                             "training_loss": [per epoch] } },
 *   "since_previous_run": as in MetricsJson; each model's "quality" metrics are judged
 * }
 * </pre>
 *
 * Metric names are those {@code bin/distill score} prints ({@link io.sparkdistill.evaluate.score.TextScorer}), so
 * {@code rougeL} keeps its capital L. Each metric is on its scorer's scale, given in
 * {@code quality_metrics.full_scale}: {@code exact_match}, {@code f1}, {@code bleu}, {@code chrf} 0-100, ROUGE 0-1;
 * {@code improvement_*} are on the metric's own scale and {@code _percent} keys are percentages. A figure that
 * could not be measured (NaN, infinite) is {@code null}.
 */
public final class TextMetricsJson {
    private TextMetricsJson() {
    }

    /** The metrics.json of a run without a trivial baseline: no {@code trivial_baseline} section. */
    public static String render(RunSummary summary, TaskType task, List<TextModelEvaluation> models,
                                TextComparison comparison, ChangesSincePreviousRun changes) {
        return render(summary, task, models, null, comparison, changes);
    }

    /**
     * The pretty-printed metrics.json of a text task's run; {@code models} must hold one evaluation per role, and
     * {@code trivialBaseline}, when not null, is written beside them with the students' margins over it.
     */
    public static String render(RunSummary summary, TaskType task, List<TextModelEvaluation> models,
                                TrivialBaselineScores trivialBaseline, TextComparison comparison,
                                ChangesSincePreviousRun changes) {
        ObjectNode figures = MetricsJson.object();
        ObjectNode metrics = figures.putObject("quality_metrics");
        metrics.put("primary", comparison.primaryMetric());
        ObjectNode scales = metrics.putObject("full_scale");
        TextReportTables.qualityMetrics(models).forEach(name -> scales.put(name, TextComparison.fullScale(name)));
        ObjectNode byRole = figures.putObject("models");
        for (TextModelEvaluation model : ModelsByRole.of(models).ordered()) {
            byRole.set(model.role(), model(model));
        }
        if (trivialBaseline != null) {
            figures.set("trivial_baseline", trivialBaseline(trivialBaseline, ModelsByRole.of(models),
                    comparison.primaryMetric()));
        }
        figures.set("comparison", comparison(comparison));
        return MetricsJson.document(summary, figures, "validation_" + comparison.primaryMetric(), changes);
    }

    private static ObjectNode model(TextModelEvaluation m) {
        ObjectNode node = MetricsJson.object();
        node.put("role", m.role());
        node.put("description", m.description());
        putAll(node.putObject("quality"), m.quality());
        putAll(node.putObject("agreement"), m.agreement());
        node.set("latency", MetricsJson.latency(m.latency()));
        if (m.latencyPerToken() == null) {
            node.putNull("latency_per_token");
        } else {
            node.set("latency_per_token", MetricsJson.latency(m.latencyPerToken()));
        }
        MetricsJson.putNumber(node, "mean_generated_tokens", m.meanGeneratedTokens());
        MetricsJson.putNumber(node, "throughput_per_second", m.throughputPerSecond());
        MetricsJson.putSizes(node, m);
        return node;
    }

    private static ObjectNode trivialBaseline(TrivialBaselineScores trivial, ModelsByRole<TextModelEvaluation> models,
                                              String primary) {
        ObjectNode node = MetricsJson.object();
        node.put("description", trivial.description());
        putAll(node.putObject("quality"), trivial.quality());
        MetricsJson.putNumber(node, "baseline_margin", margin(trivial, models.baseline(), primary));
        MetricsJson.putNumber(node, "distilled_margin", margin(trivial, models.distilled(), primary));
        ObjectNode perMetric = node.putObject("margin_per_metric");
        for (TextModelEvaluation student : List.of(models.baseline(), models.distilled())) {
            ObjectNode margins = perMetric.putObject(student.role());
            trivial.quality().keySet().forEach(metric -> MetricsJson.putNumber(margins, metric,
                    margin(trivial, student, metric)));
        }
        return node;
    }

    private static double margin(TrivialBaselineScores trivial, TextModelEvaluation student, String metric) {
        return trivial.margin(metric, student.quality().getOrDefault(metric, Double.NaN));
    }

    private static ObjectNode comparison(TextComparison c) {
        ObjectNode node = MetricsJson.object();
        node.put("primary_metric", c.primaryMetric());
        MetricsJson.putNumber(node, "retained_percent", c.retainedPercent());
        MetricsJson.putNumber(node, "baseline_retained_percent", c.baselineRetainedPercent());
        MetricsJson.putNumber(node, "improvement_over_baseline", c.improvementOverBaseline());
        putAll(node.putObject("retained_percent_per_metric"), c.retainedPercentPerMetric());
        putAll(node.putObject("improvement_per_metric"), c.improvementPerMetric());
        MetricsJson.putNumber(node, "speedup_p50", c.speedupP50());
        MetricsJson.putNumber(node, "speedup_mean", c.speedupMean());
        MetricsJson.putNumber(node, "speedup_per_token_p50", c.speedupPerTokenP50());
        MetricsJson.putNumber(node, "throughput_ratio", c.throughputRatio());
        MetricsJson.putNumber(node, "parameter_ratio", c.parameterRatio());
        MetricsJson.putNumber(node, "size_ratio", c.sizeRatio());
        MetricsJson.putNumber(node, "memory_ratio", c.memoryRatio());
        return node;
    }

    private static void putAll(ObjectNode node, Map<String, Double> values) {
        values.forEach((name, value) -> MetricsJson.putNumber(node, name, value));
    }
}
