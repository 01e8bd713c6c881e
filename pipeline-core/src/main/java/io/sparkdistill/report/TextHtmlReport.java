package io.sparkdistill.report;

import io.sparkdistill.evaluate.TextComparison;
import io.sparkdistill.evaluate.TextExampleOutputs;
import io.sparkdistill.evaluate.TextModelEvaluation;
import io.sparkdistill.evaluate.baseline.TrivialBaselineScores;
import io.sparkdistill.ingest.TaskType;
import io.sparkdistill.report.chart.BarChart;
import io.sparkdistill.report.chart.Palette;
import io.sparkdistill.report.chart.Scale;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes the report.html of a text task's run: {@link TextMarkdownReport}'s content as one self-contained page on the
 * same frame as the label tasks' ({@link HtmlPage}), with inline SVG charts: quality per model and of the trivial
 * baseline (every metric, grouped), agreement with the teacher, inference time per example and per generated token (p50
 * / p95 / p99), primary metric retained against speed-up, and the students' validation figure per epoch. The worked
 * examples' prompts and answers are escaped text, shown with their line breaks.
 */
public final class TextHtmlReport {
    private TextHtmlReport() {
    }

    /** The report.html of a run without a trivial baseline. */
    public static String render(RunSummary summary, TaskType task, List<TextModelEvaluation> models,
                                TextComparison comparison, ChangesSincePreviousRun changes,
                                List<TextExampleOutputs> examples) {
        return render(summary, task, models, null, comparison, changes, examples);
    }

    /**
     * The report.html of a text task's run; {@code models} must hold one evaluation per role. A
     * {@code trivialBaseline} (may be null) is shown beside the models: in the headline, its own section, the
     * quality chart and the quality table.
     */
    public static String render(RunSummary summary, TaskType task, List<TextModelEvaluation> models,
                                TrivialBaselineScores trivialBaseline, TextComparison comparison,
                                ChangesSincePreviousRun changes, List<TextExampleOutputs> examples) {
        ModelsByRole<TextModelEvaluation> byRole = ModelsByRole.of(models);
        List<TextModelEvaluation> ordered = byRole.ordered();
        String primary = comparison.primaryMetric();
        String primaryName = ReportTables.qualityName(primary);
        List<String> facts = new ArrayList<>(List.of("judged by " + TextReportTables.withScale(primary),
                "teacher: " + byRole.teacher().description()));
        if (trivialBaseline != null) {
            facts.add("trivial baseline: " + trivialBaseline.description());
        }
        HtmlPage page = new HtmlPage(summary, facts, TextMarkdownReport.headline(comparison, trivialBaseline, byRole),
                changes);
        page.section("Teacher vs distilled student", TextReportTables.teacherVersusDistilled(byRole, comparison));
        page.section("What distillation adds", TextReportTables.baselineVersusDistilled(byRole, comparison));
        if (trivialBaseline != null) {
            page.section("Against the trivial baseline", TrivialBaselineTables.summary(trivialBaseline, byRole,
                    primary), TrivialBaselineTables.margins(trivialBaseline, byRole));
        }
        page.section("Agreement with the teacher", TextReportTables.agreement(byRole));

        Set<String> metrics = TextReportTables.qualityMetrics(ordered);
        List<String> charts = new ArrayList<>();
        List<BarChart.Series> quality = new ArrayList<>(series(metrics, ordered, TextModelEvaluation::quality));
        if (trivialBaseline != null) {
            quality.add(new BarChart.Series(TrivialBaselineTables.TRIVIAL, Palette.TRIVIAL,
                    TextReportTables.values(metrics, trivialBaseline.quality())));
        }
        charts.add(metricChart("Quality on the test split", metrics, quality));
        List<TextModelEvaluation> students = ordered.subList(1, 3);
        if (students.stream().anyMatch(m -> !m.agreement().isEmpty())) {
            charts.add(metricChart("Agreement with the teacher", metrics,
                    series(metrics, students, TextModelEvaluation::agreement)));
        }
        charts.add(ReportCharts.latency("Inference time per example (log scale)", ordered,
                TextModelEvaluation::latency));
        charts.add(ReportCharts.latency("Inference time per generated token (log scale)", ordered,
                TextModelEvaluation::latencyPerToken));
        charts.add(ReportCharts.retention(primaryName + " retained vs speed-up over the teacher",
                "% of teacher " + primaryName, ordered, m -> m.quality().getOrDefault(primary, Double.NaN)));
        if (!summary.training().isEmpty()) {
            charts.add(ReportCharts.validation(summary.training(), primaryName,
                    value -> TextReportTables.value(primary, value)));
        }
        page.charts(charts);

        page.section("Every model's quality", TextReportTables.quality(ordered, trivialBaseline));
        page.section("Every model's speed", TextReportTables.speed(ordered));
        page.sincePreviousRun(changes);
        page.heading("Worked examples");
        if (examples.isEmpty()) {
            page.paragraph("None recorded.");
        }
        for (TextExampleOutputs example : examples) {
            page.texts("Example " + example.id(), TextReportTables.example(example));
        }
        return page.runDetails(summary, primaryName, value -> TextReportTables.value(primary, value)).end();
    }

    /** One series of bars per model: its {@code values} of every metric, in the model's colour. */
    private static List<BarChart.Series> series(Set<String> metrics, List<TextModelEvaluation> models,
                                                Function<TextModelEvaluation, Map<String, Double>> values) {
        return models.stream().map(m -> new BarChart.Series(ReportTables.studentName(m.role()),
                ReportCharts.colour(m.role()), TextReportTables.values(metrics, values.apply(m)))).toList();
    }

    /**
     * One group of bars per metric, one bar per series, on the metrics' full scale (every metric of a text task
     * shares one: 0-100 or 0-1).
     */
    private static String metricChart(String title, Set<String> metrics, List<BarChart.Series> series) {
        double scale = metrics.stream().mapToDouble(TextComparison::fullScale).max().orElse(1);
        return new BarChart(title, scale > 1 ? "score (0-100)" : "score (0-1)",
                metrics.stream().map(ReportTables::qualityName).toList(), series, Scale.linear(0, scale),
                value -> TextReportTables.onScale(scale, value)).render();
    }
}
