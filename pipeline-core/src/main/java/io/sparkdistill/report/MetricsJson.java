package io.sparkdistill.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkdistill.evaluate.ClassificationScores;
import io.sparkdistill.evaluate.DistillationComparison;
import io.sparkdistill.evaluate.EvaluatedModel;
import io.sparkdistill.evaluate.LatencyStats;
import io.sparkdistill.evaluate.ModelEvaluation;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes a run's metrics.json: the machine-readable twin of report.md, which a nightly job diffs against the last
 * run's. The shape is spelled out here rather than derived from the Java records, so renaming a field in code does
 * not silently change the file; when the shape changes, {@code schema_version} goes up.
 *
 * <pre>
 * {
 *   "schema_version": 3,
 *   "summary": { "job_name", "task", "run_id", "labels": [..], "hyperparameters": {..},
 *                "input_counts": {split: rows}, "quarantined_counts": {reason: rows},
 *                "split_overlap": {"train/test": inputs in both},
 *                "teacher_calls_made", "synthetic_rows", "stage_seconds": {stage: s},
 *                "details": {.., "memory": {"method", "empty_jvm": {"pid", "peak_resident_bytes",
 *                            "heap_after_gc_bytes"}, "models": {role: the same}} or {"not_measured": why}},
 *                "provenance": {run_id, project, runtime, config, inputs, teacher, ...} },
 *   "models": {
 *     "teacher" | "baseline" | "distilled": {
 *       "role", "description",
 *       "scores": { "count", "accuracy", "macro_f1", "per_class_f1": {label: f1},
 *                   "per_class_support": {label: n}, "confusion_matrix": [[gold x predicted]],
 *                   "ece", "mean_confidence" },
 *       "latency": { "count", "mean_ms", "p50_ms", "p95_ms", "p99_ms", "throughput_per_second" },
 *       "batch_throughput_per_second", "parameter_count", "size_on_disk_bytes",
 *       "memory_bytes" (peak resident set of a fresh JVM serving the model; -1 when not measured) } },
 *   "comparison": { "accuracy_retained_percent", "macro_f1_retained_percent", "speedup_p50", "speedup_mean",
 *                   "throughput_ratio", "size_ratio", "parameter_ratio", "memory_ratio",
 *                   "accuracy_gain_points", "macro_f1_gain_points",
 *                   "headline" (the report's; with per-class F1 when a class collapsed),
 *                   "collapsed_classes": [labels with test examples and a distilled F1 of 0] },
 *   "training": { "baseline" | "distilled": { "planned_epochs", "epochs_run", "best_epoch", "stopped_early",
 *                                             "validation_accuracy": [per epoch], "training_loss": [per epoch] } },
 *   "since_previous_run": null on a job's first run, else
 *                 { "previous_run_id", "previous_metrics" (its copy under history/), "tolerance",
 *                   "changes": [ { "key" (a path in this file), "previous", "current", "change", "judged",
 *                                  "allowed_drop" (tolerance x the metric's full scale; null when not judged),
 *                                  "regression" } ],
 *                   "regressions": [keys] }
 * }
 * </pre>
 *
 * Fractions (accuracy, F1, ECE) are in [0, 1]; "_percent" and "_points" keys are already multiplied by 100. Confusion
 * matrix rows and columns follow {@code summary.labels}. A figure that could not be measured (NaN, infinite) is
 * written as {@code null}, since JSON has no NaN.
 */
public final class MetricsJson {
    /** Raised whenever the shape below changes, so that a diffing job knows the files are not comparable. */
    public static final int SCHEMA_VERSION = 3;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MetricsJson() {
    }

    /** The pretty-printed metrics.json of a run; {@code models} must hold one evaluation per role. */
    public static String render(RunSummary summary, List<ModelEvaluation> models, DistillationComparison comparison,
                                ChangesSincePreviousRun changes) {
        ObjectNode figures = MAPPER.createObjectNode();
        ObjectNode byRole = figures.putObject("models");
        for (String role : EvaluatedModel.ROLES) {
            byRole.set(role, model(ModelEvaluation.withRole(models, role)));
        }
        ObjectNode comparisonNode = comparison(comparison);
        ModelEvaluation teacher = ModelEvaluation.withRole(models, ModelEvaluation.TEACHER);
        ModelEvaluation distilled = ModelEvaluation.withRole(models, ModelEvaluation.DISTILLED);
        comparisonNode.put("headline", CollapsedClasses.headline(MarkdownReport.headline(comparison), teacher,
                distilled));
        CollapsedClasses.of(distilled).forEach(comparisonNode.putArray("collapsed_classes")::add);
        figures.set("comparison", comparisonNode);
        return document(summary, figures, "validation_accuracy", changes);
    }

    /**
     * The file every task writes: {@code schema_version} and {@code summary}, then the task's own {@code figures}
     * (its models and comparison), then {@code training} (each epoch's validation figure under
     * {@code validationKey}) and {@code since_previous_run}.
     */
    static String document(RunSummary summary, ObjectNode figures, String validationKey,
                           ChangesSincePreviousRun changes) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema_version", SCHEMA_VERSION);
        root.set("summary", summary(summary));
        root.setAll(figures);
        root.set("training", training(summary.training(), validationKey));
        root.set("since_previous_run", changes.hasPreviousRun() ? changes(changes) : MAPPER.nullNode());
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write metrics.json", e);
        }
    }

    /** A new JSON object, for the figures {@link #document} places. */
    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    private static ObjectNode summary(RunSummary s) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("job_name", s.jobName());
        node.put("task", s.task());
        node.put("run_id", s.runId());
        ArrayNode labels = node.putArray("labels");
        s.labels().forEach(labels::add);
        node.set("hyperparameters", MAPPER.valueToTree(s.hyperparameters()));
        node.set("input_counts", MAPPER.valueToTree(s.inputCounts()));
        node.set("quarantined_counts", MAPPER.valueToTree(s.quarantinedCounts()));
        node.set("split_overlap", MAPPER.valueToTree(s.splitOverlap()));
        node.put("teacher_calls_made", s.teacherCallsMade());
        node.put("synthetic_rows", s.syntheticRows());
        node.set("teacher_accounting", MAPPER.valueToTree(s.teacherAccounting()));
        ObjectNode stages = node.putObject("stage_seconds");
        s.stageSeconds().forEach((stage, seconds) -> putNumber(stages, stage, seconds));
        node.set("details", MAPPER.valueToTree(s.details()));
        node.set("provenance", MAPPER.valueToTree(s.provenance()));
        return node;
    }

    private static ObjectNode model(ModelEvaluation m) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("role", m.role());
        node.put("description", m.description());
        node.set("scores", scores(m.scores()));
        node.set("latency", latency(m.latency()));
        putNumber(node, "batch_throughput_per_second", m.batchThroughputPerSecond());
        putSizes(node, m);
        return node;
    }

    /** {@code parameter_count}, {@code size_on_disk_bytes} and {@code memory_bytes}; -1 where unknown. */
    static void putSizes(ObjectNode node, EvaluatedModel m) {
        node.put("parameter_count", m.parameterCount());
        node.put("size_on_disk_bytes", m.sizeOnDiskBytes());
        node.put("memory_bytes", m.memoryBytes());
    }

    private static ObjectNode scores(ClassificationScores s) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("count", s.count());
        putNumber(node, "accuracy", s.accuracy());
        putNumber(node, "macro_f1", s.macroF1());
        ObjectNode f1 = node.putObject("per_class_f1");
        s.perClassF1().forEach((label, value) -> putNumber(f1, label, value));
        ObjectNode support = node.putObject("per_class_support");
        s.perClassSupport().forEach(support::put);
        ArrayNode rows = node.putArray("confusion_matrix");
        for (int[] row : s.confusion()) {
            ArrayNode cells = rows.addArray();
            for (int cell : row) {
                cells.add(cell);
            }
        }
        putNumber(node, "ece", s.ece());
        putNumber(node, "mean_confidence", s.meanConfidence());
        return node;
    }

    static ObjectNode latency(LatencyStats l) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("count", l.count());
        putNumber(node, "mean_ms", l.meanMs());
        putNumber(node, "p50_ms", l.p50Ms());
        putNumber(node, "p95_ms", l.p95Ms());
        putNumber(node, "p99_ms", l.p99Ms());
        putNumber(node, "throughput_per_second", l.throughputPerSecond());
        return node;
    }

    private static ObjectNode comparison(DistillationComparison c) {
        ObjectNode node = MAPPER.createObjectNode();
        putNumber(node, "accuracy_retained_percent", c.accuracyRetainedPercent());
        putNumber(node, "macro_f1_retained_percent", c.macroF1RetainedPercent());
        putNumber(node, "speedup_p50", c.speedupP50());
        putNumber(node, "speedup_mean", c.speedupMean());
        putNumber(node, "throughput_ratio", c.throughputRatio());
        putNumber(node, "size_ratio", c.sizeRatio());
        putNumber(node, "parameter_ratio", c.parameterRatio());
        putNumber(node, "memory_ratio", c.memoryRatio());
        putNumber(node, "accuracy_gain_points", c.accuracyGainPoints());
        putNumber(node, "macro_f1_gain_points", c.macroF1GainPoints());
        return node;
    }

    private static ObjectNode training(List<TrainingCurve> curves, String validationKey) {
        ObjectNode node = MAPPER.createObjectNode();
        for (TrainingCurve curve : curves) {
            ObjectNode student = node.putObject(curve.student());
            student.put("planned_epochs", curve.plannedEpochs());
            student.put("epochs_run", curve.epochsRun());
            student.put("best_epoch", curve.bestEpoch());
            student.put("stopped_early", curve.stoppedEarly());
            ArrayNode accuracy = student.putArray(validationKey);
            ArrayNode loss = student.putArray("training_loss");
            for (TrainingCurve.Epoch epoch : curve.epochs()) {
                addNumber(accuracy, epoch.validationAccuracy());
                addNumber(loss, epoch.trainingLoss());
            }
        }
        return node;
    }

    private static ObjectNode changes(ChangesSincePreviousRun changes) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("previous_run_id", changes.previousRunId());
        node.put("previous_metrics", changes.previousMetrics());
        node.put("tolerance", changes.tolerance());
        ArrayNode list = node.putArray("changes");
        for (ChangesSincePreviousRun.MetricChange change : changes.changes()) {
            ObjectNode one = list.addObject();
            one.put("key", change.key());
            one.put("previous", change.previous());
            one.put("current", change.current());
            putNumber(one, "change", change.change());
            one.put("judged", change.judged());
            putNumber(one, "allowed_drop", change.allowedDrop());
            one.put("regression", change.regression());
        }
        ArrayNode regressions = node.putArray("regressions");
        changes.regressions().forEach(r -> regressions.add(r.key()));
        return node;
    }

    private static void addNumber(ArrayNode array, double value) {
        if (Double.isFinite(value)) {
            array.add(value);
        } else {
            array.addNull();
        }
    }

    static void putNumber(ObjectNode node, String key, Double value) {
        if (value == null || !Double.isFinite(value)) {
            node.putNull(key);
        } else {
            node.put(key, value);
        }
    }
}
