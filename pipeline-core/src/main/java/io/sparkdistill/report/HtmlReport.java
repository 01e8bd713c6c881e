package io.sparkdistill.report;

import io.sparkdistill.evaluate.DistillationComparison;
import io.sparkdistill.evaluate.ModelEvaluation;
import io.sparkdistill.report.chart.BarChart;
import io.sparkdistill.report.chart.Heatmap;
import io.sparkdistill.report.chart.Scale;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a run's report.html: report.md's content as one self-contained page with its charts drawn as inline SVG,
 * for people who open the run folder in a browser. Nothing is loaded from elsewhere (no scripts, fonts, styles or
 * images from the web), so the page works offline and from an object store. Every text from the run (job name,
 * labels, descriptions, provenance) is escaped. The page is well-formed XML as well as HTML, so tests and tools can
 * read it with an XML parser. Text tasks have their own page, {@link TextHtmlReport}, on the same frame
 * ({@link HtmlPage}).
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    /** The report.html of a run; {@code models} must hold one evaluation per role. */
    public static String render(RunSummary summary, List<ModelEvaluation> models, DistillationComparison comparison,
                                ChangesSincePreviousRun changes) {
        ModelEvaluation teacher = ModelEvaluation.withRole(models, ModelEvaluation.TEACHER);
        ModelEvaluation baseline = ModelEvaluation.withRole(models, ModelEvaluation.BASELINE);
        ModelEvaluation distilled = ModelEvaluation.withRole(models, ModelEvaluation.DISTILLED);
        List<ModelEvaluation> ordered = List.of(teacher, baseline, distilled);
        HtmlPage page = new HtmlPage(summary, List.of(teacher.scores().count() + " test examples",
                "teacher: " + teacher.description()),
                CollapsedClasses.headline(MarkdownReport.headline(comparison), teacher, distilled), changes);
        page.section("Teacher vs distilled student", ReportTables.teacherVersusDistilled(teacher, distilled,
                comparison));
        page.section("What distillation adds", ReportTables.baselineVersusDistilled(baseline, distilled, comparison));

        List<String> charts = new ArrayList<>();
        charts.add(qualityChart(ordered));
        charts.add(ReportCharts.latency("Inference time per example (log scale)", ordered,
                ModelEvaluation::latency));
        charts.add(new Heatmap("Confusion matrix, distilled student", distilled.scores().labels(),
                distilled.scores().confusion()).render());
        charts.add(ReportCharts.retention("Accuracy retained vs speed-up over the teacher", "% of teacher accuracy",
                ordered, m -> m.scores().accuracy()));
        if (!summary.training().isEmpty()) {
            charts.add(ReportCharts.validation(summary.training(), "accuracy", HumanFormat::percentOf));
        }
        page.charts(charts);

        page.sincePreviousRun(changes);
        perClassF1(page, summary, ordered);
        AutomaticRecipeSection.add(page, summary.search());
        return page.runDetails(summary, "accuracy", HumanFormat::percentOf).end();
    }

    private static String qualityChart(List<ModelEvaluation> models) {
        List<BarChart.Series> series = models.stream().map(m -> new BarChart.Series(
                ReportTables.studentName(m.role()), ReportCharts.colour(m.role()),
                List.of(m.scores().accuracy(), m.scores().macroF1()))).toList();
        return new BarChart("Quality on the test split", "score", List.of("accuracy", "macro-F1"), series,
                Scale.linear(0, 1), HumanFormat::percentOf).render();
    }

    private static void perClassF1(HtmlPage page, RunSummary summary, List<ModelEvaluation> models) {
        List<List<String>> rows = new ArrayList<>();
        for (String label : summary.labels()) {
            List<String> row = new ArrayList<>();
            row.add(label);
            row.add(String.valueOf(models.get(0).scores().perClassSupport().get(label)));
            for (ModelEvaluation m : models) {
                Double f1 = m.scores().perClassF1().get(label);
                row.add(f1 == null ? HumanFormat.NOT_AVAILABLE : HumanFormat.score(f1));
            }
            rows.add(row);
        }
        page.section("Per-class F1", new ReportTables.Cells(List.of("Label", "Support", ReportTables.TEACHER,
                ReportTables.BASELINE, ReportTables.DISTILLED), rows));
    }
}
