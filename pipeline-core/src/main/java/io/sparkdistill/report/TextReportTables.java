package io.sparkdistill.report;

import io.sparkdistill.evaluate.LatencyStats;
import io.sparkdistill.evaluate.TextComparison;
import io.sparkdistill.evaluate.TextExampleOutputs;
import io.sparkdistill.evaluate.TextModelEvaluation;
import io.sparkdistill.evaluate.baseline.TrivialBaselineScores;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The tables a text task's report.md and report.html both show, as formatted cells: the source document's
 * teacher-vs-student comparison, what distillation adds over the baseline, agreement with the teacher, every model's
 * quality (and the trivial baseline's) and speed, and the worked examples. Each metric is shown on its own scale:
 * "71.3" for a 0-100 metric (SQuAD F1, exact match, BLEU, chrF), "0.412" for a 0-1 one (ROUGE).
 */
final class TextReportTables {
    /** Prompts, references and answers longer than this many characters are cut, saying how much was left out. */
    static final int EXCERPT_CHARACTERS = 1200;

    private TextReportTables() {
    }

    /** Every quality metric any of the models reports, the teacher's first, in the scorer's order. */
    static Set<String> qualityMetrics(List<TextModelEvaluation> models) {
        Set<String> names = new LinkedHashSet<>();
        for (TextModelEvaluation m : ModelsByRole.of(models).ordered()) {
            names.addAll(m.quality().keySet());
        }
        return names;
    }

    /** A metric's value on its own scale: "71.3" out of 100, "0.412" out of 1. */
    static String value(String metric, double value) {
        return onScale(TextComparison.fullScale(metric), value);
    }

    /** A value of a metric whose full scale is {@code fullScale}: one decimal out of 100, three out of 1. */
    static String onScale(double fullScale, double value) {
        if (!Double.isFinite(value)) {
            return HumanFormat.NOT_AVAILABLE;
        }
        return String.format(Locale.ROOT, fullScale > 1 ? "%.1f" : "%.3f", value);
    }

    /** A signed difference on a metric's scale: "+3.2" (points of a 0-100 metric), "-0.013" (of a 0-1 one). */
    static String difference(String metric, double delta) {
        if (!Double.isFinite(delta)) {
            return HumanFormat.NOT_AVAILABLE;
        }
        return String.format(Locale.ROOT, TextComparison.fullScale(metric) > 1 ? "%+.1f" : "%+.3f", delta);
    }

    /** "F1 (0-100)", for a reader who must know what scale the figures are on. */
    static String withScale(String metric) {
        String name = ReportTables.qualityName(metric);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1)
                + (TextComparison.fullScale(metric) > 1 ? " (0-100)" : " (0-1)");
    }

    /** The source document's table: speed, memory, quality, throughput and size, teacher against distilled. */
    static ReportTables.Cells teacherVersusDistilled(ModelsByRole<TextModelEvaluation> models, TextComparison c) {
        TextModelEvaluation t = models.teacher();
        TextModelEvaluation d = models.distilled();
        List<List<String>> rows = new ArrayList<>(ReportTables.latencyRows(t, d, c.speedupP50()));
        rows.add(List.of("Inference time per generated token (p50)", perTokenP50(t), perTokenP50(d),
                ReportTables.lowerIsBetter(c.speedupPerTokenP50(), "faster", "slower")));
        rows.add(ReportTables.memoryRow(t, d, c.memoryRatio()));
        for (String metric : t.quality().keySet()) {
            double student = d.quality().getOrDefault(metric, Double.NaN);
            rows.add(List.of(withScale(metric), value(metric, t.quality().get(metric)), value(metric, student),
                    difference(metric, student - t.quality().get(metric)) + " ("
                            + HumanFormat.percent(c.retainedPercentPerMetric().get(metric)) + " retained)"));
        }
        rows.add(List.of("Throughput (examples)", HumanFormat.perSecond(t.throughputPerSecond()),
                HumanFormat.perSecond(d.throughputPerSecond()),
                ReportTables.higherIsBetter(c.throughputRatio(), "higher", "lower")));
        rows.add(List.of("Generated tokens per example (mean)", tokens(t), tokens(d), ""));
        rows.addAll(ReportTables.parameterAndSizeRows(t, d, c.parameterRatio(), c.sizeRatio()));
        return new ReportTables.Cells(List.of("Metric", ReportTables.TEACHER, ReportTables.DISTILLED, "Change"),
                rows);
    }

    /** Every metric of the two students, against the gold answers, and their speed: what the teacher brought. */
    static ReportTables.Cells baselineVersusDistilled(ModelsByRole<TextModelEvaluation> models, TextComparison c) {
        TextModelEvaluation b = models.baseline();
        TextModelEvaluation d = models.distilled();
        List<List<String>> rows = new ArrayList<>();
        c.improvementPerMetric().forEach((metric, gain) -> rows.add(List.of(withScale(metric),
                value(metric, b.quality().getOrDefault(metric, Double.NaN)),
                value(metric, d.quality().getOrDefault(metric, Double.NaN)), difference(metric, gain))));
        rows.addAll(ReportTables.latencyRows(b, d, b.latency().p50Ms() / d.latency().p50Ms()));
        return new ReportTables.Cells(List.of("Metric", ReportTables.BASELINE, ReportTables.DISTILLED, "Change"),
                rows);
    }

    /** Each student scored with the teacher's answer as the only reference. */
    static ReportTables.Cells agreement(ModelsByRole<TextModelEvaluation> models) {
        TextModelEvaluation b = models.baseline();
        TextModelEvaluation d = models.distilled();
        Set<String> metrics = new LinkedHashSet<>(d.agreement().keySet());
        metrics.addAll(b.agreement().keySet());
        List<List<String>> rows = new ArrayList<>();
        for (String metric : metrics) {
            double baseline = b.agreement().getOrDefault(metric, Double.NaN);
            double distilled = d.agreement().getOrDefault(metric, Double.NaN);
            rows.add(List.of(withScale(metric), value(metric, baseline), value(metric, distilled),
                    difference(metric, distilled - baseline)));
        }
        return new ReportTables.Cells(List.of("Metric (vs the teacher's answers)", ReportTables.BASELINE,
                ReportTables.DISTILLED, "Change"), rows);
    }

    /**
     * Every quality metric of the three models against the gold answers, and of the trivial baseline beside them
     * when there is one ({@code trivial} may be null).
     */
    static ReportTables.Cells quality(List<TextModelEvaluation> models, TrivialBaselineScores trivial) {
        List<List<String>> rows = new ArrayList<>();
        Set<String> metrics = qualityMetrics(models);
        if (trivial != null) {
            metrics.addAll(trivial.quality().keySet());
        }
        for (String metric : metrics) {
            List<String> row = figures(models, withScale(metric), m -> value(metric, m.quality().getOrDefault(metric,
                    Double.NaN)));
            if (trivial != null) {
                row.add(value(metric, trivial.quality().getOrDefault(metric, Double.NaN)));
            }
            rows.add(row);
        }
        List<String> header = new ArrayList<>(List.of("Metric", ReportTables.TEACHER, ReportTables.BASELINE,
                ReportTables.DISTILLED));
        if (trivial != null) {
            header.add(TrivialBaselineTables.TRIVIAL);
        }
        return new ReportTables.Cells(header, rows);
    }

    /** Latency percentiles per example and per generated token, tokens and throughput of the three models. */
    static ReportTables.Cells speed(List<TextModelEvaluation> models) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(percentiles(models, "Inference time per example, p50 / p95 / p99", TextModelEvaluation::latency));
        rows.add(percentiles(models, "Inference time per generated token, p50 / p95 / p99",
                TextModelEvaluation::latencyPerToken));
        rows.add(figures(models, "Generated tokens per example (mean)", TextReportTables::tokens));
        rows.add(figures(models, "Throughput (examples)", m -> HumanFormat.perSecond(m.throughputPerSecond())));
        return new ReportTables.Cells(List.of("Speed", ReportTables.TEACHER,
                ReportTables.BASELINE, ReportTables.DISTILLED), rows);
    }

    /** The parts of a worked example, in reading order, each cut to {@link #EXCERPT_CHARACTERS}. */
    static ReportTables.Cells example(TextExampleOutputs e) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Prompt", excerpt(e.prompt())));
        for (int i = 0; i < e.references().size(); i++) {
            rows.add(List.of(e.references().size() == 1 ? "Reference" : "Reference " + (i + 1),
                    excerpt(e.references().get(i))));
        }
        rows.add(List.of(ReportTables.TEACHER, excerpt(e.teacher())));
        rows.add(List.of(ReportTables.BASELINE, excerpt(e.baseline())));
        rows.add(List.of(ReportTables.DISTILLED, excerpt(e.distilled())));
        return new ReportTables.Cells(List.of("Part", "Text"), rows);
    }

    static String excerpt(String text) {
        if (text.length() <= EXCERPT_CHARACTERS) {
            return text;
        }
        return text.substring(0, EXCERPT_CHARACTERS) + " [... " + (text.length() - EXCERPT_CHARACTERS)
                + " more characters]";
    }

    private static List<String> percentiles(List<TextModelEvaluation> models, String name,
                                            Function<TextModelEvaluation, LatencyStats> latency) {
        return figures(models, name, m -> {
            LatencyStats l = latency.apply(m);
            return l == null ? HumanFormat.NOT_AVAILABLE : HumanFormat.millis(l.p50Ms()) + " / "
                    + HumanFormat.millis(l.p95Ms()) + " / " + HumanFormat.millis(l.p99Ms());
        });
    }

    private static List<String> figures(List<TextModelEvaluation> models, String name,
                                        Function<TextModelEvaluation, String> figure) {
        List<String> row = new ArrayList<>(List.of(name));
        ModelsByRole.of(models).ordered().forEach(m -> row.add(figure.apply(m)));
        return row;
    }

    private static String perTokenP50(TextModelEvaluation m) {
        return m.latencyPerToken() == null ? HumanFormat.NOT_AVAILABLE
                : HumanFormat.millis(m.latencyPerToken().p50Ms());
    }

    private static String tokens(TextModelEvaluation m) {
        return Double.isFinite(m.meanGeneratedTokens())
                ? String.format(Locale.ROOT, "%.1f", m.meanGeneratedTokens()) : HumanFormat.NOT_AVAILABLE;
    }

    /** The values of {@code metrics} in the order of {@code names}; NaN for a metric a model does not report. */
    static List<Double> values(Set<String> names, Map<String, Double> metrics) {
        return names.stream().map(n -> metrics.getOrDefault(n, Double.NaN)).toList();
    }
}
