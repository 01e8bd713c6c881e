package io.sparkdistill.report;

import io.sparkdistill.evaluate.DistillationComparison;
import io.sparkdistill.evaluate.EvaluatedModel;
import io.sparkdistill.evaluate.ModelEvaluation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * The tables report.md and report.html both show, as formatted cells, so the two pages always say the same thing:
 * the source document's teacher-vs-student comparison, what distillation adds over the baseline, how training went,
 * and what changed since the previous run.
 */
final class ReportTables {
    static final String TEACHER = "Teacher";
    static final String BASELINE = "Baseline student";
    static final String DISTILLED = "Distilled student";

    /** A header and rows of formatted cells. */
    record Cells(List<String> header, List<List<String>> rows) {
        Cells {
            header = List.copyOf(header);
            rows = List.copyOf(rows);
        }
    }

    private ReportTables() {
    }

    static Cells teacherVersusDistilled(ModelEvaluation t, ModelEvaluation d, DistillationComparison c) {
        List<List<String>> rows = new ArrayList<>(latencyRows(t, d, c.speedupP50()));
        rows.add(memoryRow(t, d, c.memoryRatio()));
        rows.add(List.of("Accuracy", HumanFormat.percentOf(t.scores().accuracy()),
                HumanFormat.percentOf(d.scores().accuracy()),
                HumanFormat.points(100 * (d.scores().accuracy() - t.scores().accuracy())) + " ("
                        + HumanFormat.percent(c.accuracyRetainedPercent()) + " retained)"));
        rows.add(List.of("Macro-F1", HumanFormat.score(t.scores().macroF1()), HumanFormat.score(d.scores().macroF1()),
                HumanFormat.points(100 * (d.scores().macroF1() - t.scores().macroF1())) + " ("
                        + HumanFormat.percent(c.macroF1RetainedPercent()) + " retained)"));
        rows.add(List.of("Throughput (batched)", HumanFormat.perSecond(t.batchThroughputPerSecond()),
                HumanFormat.perSecond(d.batchThroughputPerSecond()),
                higherIsBetter(c.throughputRatio(), "higher", "lower")));
        rows.addAll(parameterAndSizeRows(t, d, c.parameterRatio(), c.sizeRatio()));
        return new Cells(List.of("Metric", TEACHER, DISTILLED, "Change"), rows);
    }

    /** Inference time per example, p50 and p95, of the teacher and a student, with the speed-ups. */
    static List<List<String>> latencyRows(EvaluatedModel t, EvaluatedModel d, double speedupP50) {
        return List.of(
                List.of("Inference time per example (p50)", HumanFormat.millis(t.latency().p50Ms()),
                        HumanFormat.millis(d.latency().p50Ms()), lowerIsBetter(speedupP50, "faster", "slower")),
                List.of("Inference time per example (p95)", HumanFormat.millis(t.latency().p95Ms()),
                        HumanFormat.millis(d.latency().p95Ms()),
                        lowerIsBetter(t.latency().p95Ms() / d.latency().p95Ms(), "faster", "slower")));
    }

    /** {@code memoryRatio} is the teacher's memory over the student's. */
    static List<String> memoryRow(EvaluatedModel t, EvaluatedModel d, double memoryRatio) {
        return List.of("Memory", HumanFormat.bytes(t.memoryBytes()), HumanFormat.bytes(d.memoryBytes()),
                lowerIsBetter(memoryRatio, "less", "more"));
    }

    /** The ratios are the teacher's figure over the student's. */
    static List<List<String>> parameterAndSizeRows(EvaluatedModel t, EvaluatedModel d, double parameterRatio,
                                                   double sizeRatio) {
        return List.of(
                List.of("Parameters", HumanFormat.count(t.parameterCount()), HumanFormat.count(d.parameterCount()),
                        lowerIsBetter(parameterRatio, "fewer", "more")),
                List.of("Size on disk", HumanFormat.bytes(t.sizeOnDiskBytes()), HumanFormat.bytes(d.sizeOnDiskBytes()),
                        lowerIsBetter(sizeRatio, "smaller", "larger")));
    }

    static Cells baselineVersusDistilled(ModelEvaluation b, ModelEvaluation d, DistillationComparison c) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Accuracy", HumanFormat.percentOf(b.scores().accuracy()),
                HumanFormat.percentOf(d.scores().accuracy()), HumanFormat.points(c.accuracyGainPoints())));
        rows.add(List.of("Macro-F1", HumanFormat.score(b.scores().macroF1()), HumanFormat.score(d.scores().macroF1()),
                HumanFormat.points(c.macroF1GainPoints())));
        rows.add(List.of("ECE (lower is better)", HumanFormat.score(b.scores().ece()),
                HumanFormat.score(d.scores().ece()), HumanFormat.scoreChange(d.scores().ece() - b.scores().ece())));
        rows.add(List.of("Inference time per example (p50)", HumanFormat.millis(b.latency().p50Ms()),
                HumanFormat.millis(d.latency().p50Ms()),
                lowerIsBetter(b.latency().p50Ms() / d.latency().p50Ms(), "faster", "slower")));
        return new Cells(List.of("Metric", BASELINE, DISTILLED, "Change"), rows);
    }

    /**
     * One row per student: how many epochs ran, which was kept, and why training ended. {@code validation} names the
     * figure the epochs carry (accuracy for label tasks, the primary metric for text tasks), {@code format} shows it.
     */
    static Cells training(List<TrainingCurve> curves, String validation, DoubleFunction<String> format) {
        List<List<String>> rows = new ArrayList<>();
        for (TrainingCurve curve : curves) {
            rows.add(List.of(studentName(curve.student()), curve.epochsRun() + " of " + curve.plannedEpochs(),
                    String.valueOf(curve.bestEpoch()), format.apply(curve.keptValidationAccuracy()),
                    curve.stoppedEarly() ? "early stopping: no better validation " + validation : "all epochs run"));
        }
        return new Cells(List.of("Student", "Epochs run", "Epoch kept", "Validation " + validation + " (kept)",
                "Ended by"), rows);
    }

    /** Every tracked figure with its change; a flagged drop says so in words, not only in colour. */
    static Cells sincePreviousRun(ChangesSincePreviousRun changes) {
        List<List<String>> rows = new ArrayList<>();
        for (ChangesSincePreviousRun.MetricChange change : changes.changes()) {
            boolean millis = change.key().endsWith("_ms");
            String previous = millis ? HumanFormat.millis(change.previous()) : HumanFormat.score(change.previous());
            String current = millis ? HumanFormat.millis(change.current()) : HumanFormat.score(change.current());
            String delta = millis ? HumanFormat.change(100 * change.change() / change.previous())
                    : HumanFormat.scoreChange(change.change());
            String verdict = change.regression() ? "REGRESSION: dropped more than "
                    + HumanFormat.score(change.allowedDrop())
                    : !change.judged() ? "shown, not judged (speed varies between runs)"
                    : betterOrWorse(change);
            rows.add(List.of(metricName(change.key()), previous, current, delta, verdict));
        }
        return new Cells(List.of("Metric", "Previous run", "This run", "Change", "Verdict"), rows);
    }

    private static String betterOrWorse(ChangesSincePreviousRun.MetricChange change) {
        if (change.change() == 0) {
            return "unchanged";
        }
        boolean better = change.higherIsBetter() == change.change() > 0;
        return better ? "better" : "worse, within tolerance";
    }

    /**
     * How far the quality metrics among {@code changes} may drop: "0.010", or "1.000" for the 0-100 metrics of a text
     * task; "0.010 or 1.000" should one comparison mix scales. Without a judged metric, the tolerance itself.
     */
    static String allowedDrops(List<ChangesSincePreviousRun.MetricChange> changes, double tolerance) {
        List<String> drops = changes.stream().filter(ChangesSincePreviousRun.MetricChange::judged)
                .map(c -> HumanFormat.score(c.allowedDrop())).distinct().toList();
        return drops.isEmpty() ? HumanFormat.score(tolerance) : String.join(" or ", drops);
    }

    /** A text task's metric as readers know it: "F1", "exact match", "ROUGE-L", "BLEU", "chrF". */
    static String qualityName(String metric) {
        return switch (metric) {
            case "exact_match" -> "exact match";
            case "f1" -> "F1";
            case "rouge1" -> "ROUGE-1";
            case "rouge2" -> "ROUGE-2";
            case "rougeL" -> "ROUGE-L";
            case "bleu" -> "BLEU";
            case "chrf" -> "chrF";
            default -> metric.replace('_', ' ');
        };
    }

    /** "models.distilled.scores.macro_f1" reads "Distilled student macro-F1". */
    static String metricName(String key) {
        String[] parts = key.split("\\.");
        if (parts.length < 4 || !parts[0].equals("models")) {
            return key;
        }
        String metric = switch (parts[parts.length - 1]) {
            case "accuracy" -> "accuracy";
            case "macro_f1" -> "macro-F1";
            case "ece" -> "ECE (lower is better)";
            case "p50_ms", "p95_ms", "p99_ms" -> (parts[2].equals("latency_per_token") ? "latency per token "
                    : "latency ") + parts[parts.length - 1].replace("_ms", "");
            default -> qualityName(parts[parts.length - 1]);
        };
        return studentName(parts[1]) + " " + metric;
    }

    static String studentName(String role) {
        return switch (role) {
            case ModelEvaluation.TEACHER -> TEACHER;
            case ModelEvaluation.BASELINE -> BASELINE;
            case ModelEvaluation.DISTILLED -> DISTILLED;
            default -> role;
        };
    }

    /** "512x faster (-99.8%)" for a ratio old/new of a quantity where less is better. */
    static String lowerIsBetter(double oldOverNew, String better, String worse) {
        if (!Double.isFinite(oldOverNew) || oldOverNew <= 0) {
            return HumanFormat.NOT_AVAILABLE;
        }
        String fold = oldOverNew >= 1 ? HumanFormat.fold(oldOverNew) + " " + better
                : HumanFormat.fold(1 / oldOverNew) + " " + worse;
        return fold + " (" + HumanFormat.change(100 * (1 / oldOverNew - 1)) + ")";
    }

    /** "250x higher" for a ratio new/old of a quantity where more is better. */
    static String higherIsBetter(double newOverOld, String better, String worse) {
        if (!Double.isFinite(newOverOld) || newOverOld <= 0) {
            return HumanFormat.NOT_AVAILABLE;
        }
        return newOverOld >= 1 ? HumanFormat.fold(newOverOld) + " " + better
                : HumanFormat.fold(1 / newOverOld) + " " + worse;
    }
}
