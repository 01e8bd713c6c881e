package io.sparkdistill.report;

import io.sparkdistill.evaluate.ClassificationScores;
import io.sparkdistill.evaluate.DistillationComparison;
import io.sparkdistill.evaluate.ModelEvaluation;
import io.sparkdistill.provenance.ProvenanceLines;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.function.Function;

/**
 * Writes a run's report.md: the page a person reads to decide whether the distilled student is good enough to ship.
 * It opens with the answer (a one-sentence headline and the teacher-vs-student table of the source document's case
 * study), then shows what distillation adds over a student trained on gold labels alone, and ends with the detail
 * needed to trust or question those figures: per-class F1, confusion matrices, calibration, data counts,
 * hyperparameters and provenance. The same figures, unformatted, are in metrics.json ({@link MetricsJson}).
 */
public final class MarkdownReport {
    private static final String TEACHER = ReportTables.TEACHER;
    private static final String BASELINE = ReportTables.BASELINE;
    private static final String DISTILLED = ReportTables.DISTILLED;

    private MarkdownReport() {
    }

    /** The report.md of a run; {@code models} must hold one evaluation per role. */
    public static String render(RunSummary summary, List<ModelEvaluation> models, DistillationComparison comparison,
                                ChangesSincePreviousRun changes) {
        ModelEvaluation teacher = ModelEvaluation.withRole(models, ModelEvaluation.TEACHER);
        ModelEvaluation baseline = ModelEvaluation.withRole(models, ModelEvaluation.BASELINE);
        ModelEvaluation distilled = ModelEvaluation.withRole(models, ModelEvaluation.DISTILLED);
        StringBuilder md = new StringBuilder();
        md.append("# Distillation report: ").append(summary.jobName()).append("\n\n");
        runFacts(md, summary, teacher, baseline, distilled);
        md.append("**").append(CollapsedClasses.headline(headline(comparison), teacher, distilled)).append("**\n\n");
        teacherVersusDistilled(md, teacher, distilled, comparison);
        baselineVersusDistilled(md, baseline, distilled, comparison);
        sincePreviousRun(md, changes);
        perClassF1(md, summary, teacher, baseline, distilled);
        confusionMatrices(md, teacher, baseline, distilled);
        calibration(md, teacher, baseline, distilled);
        AutomaticRecipeSection.append(md, summary.search());
        runDetails(md, summary, "accuracy", HumanFormat::percentOf);
        howToRead(md);
        return md.toString();
    }

    /**
     * What every task's report ends with: data counts, stage timings, hyperparameters, training (each epoch's
     * {@code validation} figure, shown with {@code format}), the run's details and its provenance.
     */
    static void runDetails(StringBuilder md, RunSummary summary, String validation, DoubleFunction<String> format) {
        data(md, summary);
        keyValues(md, "Stage timings", "Stage", "Time", summary.stageSeconds(), HumanFormat::seconds);
        keyValues(md, "Hyperparameters", "Name", "Value", summary.hyperparameters(), String::valueOf);
        training(md, summary, validation, format);
        keyValues(md, "Run details", "Item", "Value", summary.details(), String::valueOf);
        keyValues(md, "Provenance", "Item", "Value", ProvenanceLines.of(summary.provenance()), String::valueOf);
    }

    /** "The distilled student keeps 97.1% of the teacher's accuracy and answers 512x faster per example." */
    static String headline(DistillationComparison c) {
        return headline("accuracy", c.accuracyRetainedPercent(), c.speedupP50());
    }

    /** As {@link #headline(DistillationComparison)}, for the share kept of any {@code metric}. */
    static String headline(String metric, double retainedPercent, double speedupP50) {
        String speed;
        if (!Double.isFinite(speedupP50)) {
            speed = "its speed could not be compared";
        } else if (speedupP50 >= 1) {
            speed = "answers " + HumanFormat.fold(speedupP50) + " faster per example";
        } else {
            speed = "answers " + HumanFormat.fold(1 / speedupP50) + " slower per example";
        }
        return "The distilled student keeps " + HumanFormat.percent(retainedPercent) + " of the teacher's " + metric
                + " and " + speed + ".";
    }

    private static void runFacts(StringBuilder md, RunSummary s, ModelEvaluation teacher, ModelEvaluation baseline,
                                 ModelEvaluation distilled) {
        md.append("- Run: `").append(s.runId()).append("`\n");
        md.append("- Task: ").append(s.task()).append(", labels: ").append(String.join(", ", s.labels()))
                .append('\n');
        md.append("- Test examples scored: ").append(teacher.scores().count()).append('\n');
        md.append("- Teacher: ").append(teacher.description()).append('\n');
        md.append("- Baseline student (gold labels only): ").append(baseline.description()).append('\n');
        md.append("- Distilled student (teacher's outputs): ").append(distilled.description()).append("\n\n");
    }

    private static void teacherVersusDistilled(StringBuilder md, ModelEvaluation t, ModelEvaluation d,
                                               DistillationComparison c) {
        md.append("## Teacher vs distilled student\n\n");
        md.append(MarkdownTable.of(ReportTables.teacherVersusDistilled(t, d, c))).append('\n');
    }

    private static void baselineVersusDistilled(StringBuilder md, ModelEvaluation b, ModelEvaluation d,
                                                DistillationComparison c) {
        md.append("## What distillation adds\n\n");
        md.append("Both students are trained on the same examples; the baseline learns from the gold labels only, "
                + "the distilled student from the teacher's outputs as well.\n\n");
        md.append(MarkdownTable.of(ReportTables.baselineVersusDistilled(b, d, c))).append('\n');
    }

    static void sincePreviousRun(StringBuilder md, ChangesSincePreviousRun changes) {
        md.append("## Since the previous run\n\n");
        if (!changes.hasPreviousRun()) {
            md.append("This is the job's first evaluated run: nothing to compare with yet.\n\n");
            return;
        }
        List<ChangesSincePreviousRun.MetricChange> regressions = changes.regressions();
        md.append("Compared with run `").append(changes.previousRunId()).append("` (its metrics are kept in `")
                .append(changes.previousMetrics()).append("`). ");
        if (regressions.isEmpty()) {
            md.append("No quality metric dropped by more than ")
                    .append(ReportTables.allowedDrops(changes.changes(), changes.tolerance())).append(".\n\n");
        } else {
            md.append("**Regression: ").append(regressions.size()).append(regressions.size() == 1 ? " metric" :
                    " metrics").append(" dropped by more than ")
                    .append(ReportTables.allowedDrops(regressions, changes.tolerance()))
                    .append(": ").append(String.join(", ", regressions.stream()
                            .map(r -> ReportTables.metricName(r.key())).toList())).append(".**\n\n");
        }
        md.append(MarkdownTable.of(ReportTables.sincePreviousRun(changes))).append('\n');
    }

    private static void training(StringBuilder md, RunSummary s, String validation, DoubleFunction<String> format) {
        md.append("## Training\n\n");
        if (s.training().isEmpty()) {
            md.append("No train summary in the run folder.\n\n");
            return;
        }
        md.append(MarkdownTable.of(ReportTables.training(s.training(), validation, format))).append('\n');
        for (TrainingCurve curve : s.training()) {
            md.append("Validation ").append(validation).append(" by epoch, ")
                    .append(ReportTables.studentName(curve.student()))
                    .append(": ").append(String.join(", ", curve.epochs().stream()
                            .map(e -> (e.epoch() == curve.bestEpoch() ? "**" : "")
                                    + format.apply(e.validationAccuracy())
                                    + (e.epoch() == curve.bestEpoch() ? "**" : "")).toList()))
                    .append("\n\n");
        }
    }

    private static void perClassF1(StringBuilder md, RunSummary s, ModelEvaluation t, ModelEvaluation b,
                                   ModelEvaluation d) {
        md.append("## Per-class F1\n\n");
        MarkdownTable table = new MarkdownTable("Label", "Support", TEACHER, BASELINE, DISTILLED);
        for (String label : s.labels()) {
            table.row(label, String.valueOf(t.scores().perClassSupport().get(label)),
                    f1(t.scores(), label), f1(b.scores(), label), f1(d.scores(), label));
        }
        md.append(table).append('\n');
    }

    private static String f1(ClassificationScores scores, String label) {
        Double value = scores.perClassF1().get(label);
        return value == null ? HumanFormat.NOT_AVAILABLE : HumanFormat.score(value);
    }

    private static void confusionMatrices(StringBuilder md, ModelEvaluation... models) {
        md.append("## Confusion matrices\n\nRows are gold labels, columns predicted labels.\n\n");
        for (ModelEvaluation m : models) {
            md.append("### ").append(displayName(m)).append("\n\n");
            List<String> labels = m.scores().labels();
            List<String> header = new ArrayList<>();
            header.add("gold \\ predicted");
            header.addAll(labels);
            MarkdownTable table = new MarkdownTable(header.toArray(String[]::new));
            int[][] confusion = m.scores().confusion();
            for (int gold = 0; gold < labels.size(); gold++) {
                List<String> cells = new ArrayList<>();
                cells.add(labels.get(gold));
                for (int count : confusion[gold]) {
                    cells.add(String.valueOf(count));
                }
                table.row(cells.toArray(String[]::new));
            }
            md.append(table).append('\n');
        }
    }

    private static void calibration(StringBuilder md, ModelEvaluation... models) {
        md.append("## Calibration\n\n");
        MarkdownTable table = new MarkdownTable("Model", "Accuracy", "Mean confidence", "ECE (15 bins)");
        for (ModelEvaluation m : models) {
            table.row(displayName(m), HumanFormat.percentOf(m.scores().accuracy()),
                    HumanFormat.percentOf(m.scores().meanConfidence()), HumanFormat.score(m.scores().ece()));
        }
        md.append(table).append('\n');
    }

    private static void data(StringBuilder md, RunSummary s) {
        md.append("## Data\n\n");
        MarkdownTable inputs = new MarkdownTable("Split", "Valid rows");
        s.inputCounts().forEach((split, rows) -> inputs.row(split, String.valueOf(rows)));
        md.append(inputs).append('\n');
        if (s.quarantinedCounts().isEmpty()) {
            md.append("No rows were quarantined.\n\n");
        } else {
            MarkdownTable quarantined = new MarkdownTable("Quarantine reason", "Rows");
            s.quarantinedCounts().forEach((reason, rows) -> quarantined.row(reason, String.valueOf(rows)));
            md.append(quarantined).append('\n');
        }
        if (!s.splitOverlap().isEmpty()) {
            md.append("**Inputs found in two splits.** The students learn from these held-out inputs too, so the "
                    + "scores on them measure memory, not generalisation; the log names the first rows.\n\n");
            MarkdownTable overlap = new MarkdownTable("Splits", "Shared inputs");
            s.splitOverlap().forEach((pair, shared) -> overlap.row(pair, String.valueOf(shared)));
            md.append(overlap).append('\n');
        }
        md.append("Teacher calls made in this run: ").append(s.teacherCallsMade())
                .append("; synthetic rows accepted: ").append(s.syntheticRows()).append(".\n\n");
        if (!s.teacherAccounting().isEmpty()) {
            MarkdownTable accounting = new MarkdownTable("Teacher accounting", "Value");
            s.teacherAccounting().forEach((name, value) -> accounting.row(name, String.valueOf(value)));
            md.append(accounting).append('\n');
        }
    }

    private static <V> void keyValues(StringBuilder md, String title, String keyHeader, String valueHeader,
                                      Map<String, V> entries, Function<V, String> format) {
        md.append("## ").append(title).append("\n\n");
        if (entries.isEmpty()) {
            md.append("None recorded.\n\n");
            return;
        }
        MarkdownTable table = new MarkdownTable(keyHeader, valueHeader);
        entries.forEach((key, value) -> table.row(key, format.apply(value)));
        md.append(table).append('\n');
    }

    private static void howToRead(StringBuilder md) {
        md.append("## How to read this\n\n");
        md.append("Inference time is measured one example at a time on a single thread after a warm-up; p50 is the "
                + "median call and p95 the call 95% of calls are faster than (nearest-rank percentiles). Throughput "
                + "feeds the model batches, as a Spark partition does. Memory is the peak resident set "
                + "of a fresh JVM that loads the model and answers the timed examples, JVM included (an empty JVM's "
                + "figure is in the run details). Accuracy and "
                + "macro-F1 are against the gold labels of the test split; macro-F1 weighs every label equally, so "
                + "it falls when a rare label is missed. ECE is the gap between how confident a model is and how "
                + "often it is right (0 is perfectly calibrated). \"Retained\" is the distilled student's score as a "
                + "share of the teacher's; \"pp\" are percentage points. The baseline student has the distilled "
                + "student's architecture but never saw the teacher: the gap between them is what distillation "
                + "brings.\n");
    }

    private static String displayName(ModelEvaluation m) {
        return ReportTables.studentName(m.role());
    }
}
