package io.sparkdistill.report;

import io.sparkdistill.evaluate.DistillationComparison;
import io.sparkdistill.evaluate.ModelEvaluation;
import io.sparkdistill.report.chart.BarChart;
import io.sparkdistill.report.chart.Heatmap;
import io.sparkdistill.report.chart.LineChart;
import io.sparkdistill.report.chart.Palette;
import io.sparkdistill.report.chart.Scale;
import io.sparkdistill.report.chart.ScatterChart;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.DoubleStream;

/**
 * Writes a run's report.html: report.md's content as one self-contained page with its charts drawn as inline SVG,
 * for people who open the run folder in a browser. Nothing is loaded from elsewhere (no scripts, fonts, styles or
 * images from the web), so the page works offline and from an object store. Every text from the run (job name,
 * labels, descriptions, provenance) is escaped. The page is well-formed XML as well as HTML, so tests and tools can
 * read it with an XML parser.
 */
public final class HtmlReport {
    private static final String STYLE = """
            body { font-family: system-ui, sans-serif; color: #222; margin: 24px auto; max-width: 1160px; }
            h1 { font-size: 24px; margin-bottom: 4px; }
            h2 { font-size: 18px; margin-top: 28px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
            .facts { color: #555; margin-top: 0; }
            .headline { font-size: 18px; font-weight: bold; }
            .regression { background: #fde2e1; border: 1px solid #c0392b; padding: 8px 12px; font-weight: bold; }
            .charts { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
            figure { margin: 0; border: 1px solid #eee; padding: 4px; }
            table { border-collapse: collapse; margin: 8px 0; }
            th, td { border: 1px solid #ddd; padding: 4px 10px; text-align: left; }
            th { background: #f5f5f5; }
            td.flag { color: #c0392b; font-weight: bold; }
            """;

    private HtmlReport() {
    }

    /** The report.html of a run; {@code models} must hold one evaluation per role. */
    public static String render(RunSummary summary, List<ModelEvaluation> models, DistillationComparison comparison,
                                ChangesSincePreviousRun changes) {
        ModelEvaluation teacher = ModelEvaluation.withRole(models, ModelEvaluation.TEACHER);
        ModelEvaluation baseline = ModelEvaluation.withRole(models, ModelEvaluation.BASELINE);
        ModelEvaluation distilled = ModelEvaluation.withRole(models, ModelEvaluation.DISTILLED);
        List<ModelEvaluation> ordered = List.of(teacher, baseline, distilled);
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head>")
                .append("<meta charset=\"utf-8\"/><title>Distillation report: ").append(text(summary.jobName()))
                .append("</title><style>").append(STYLE).append("</style></head><body>\n");
        html.append("<h1>Distillation report: ").append(text(summary.jobName())).append("</h1>\n");
        html.append("<p class=\"facts\">Run <code>").append(text(summary.runId())).append("</code> · task ")
                .append(text(summary.task())).append(" · ").append(teacher.scores().count())
                .append(" test examples · teacher: ").append(text(teacher.description())).append("</p>\n");
        html.append("<p class=\"headline\">").append(text(MarkdownReport.headline(comparison))).append("</p>\n");
        if (!changes.regressions().isEmpty()) {
            html.append("<p class=\"regression\">Regression since run ").append(text(changes.previousRunId()))
                    .append(": ").append(text(String.join(", ", changes.regressions().stream()
                            .map(r -> ReportTables.metricName(r.key())).toList())))
                    .append(" dropped by more than ").append(HumanFormat.score(changes.tolerance())).append(".</p>\n");
        }
        section(html, "Teacher vs distilled student", ReportTables.teacherVersusDistilled(teacher, distilled,
                comparison));
        section(html, "What distillation adds", ReportTables.baselineVersusDistilled(baseline, distilled, comparison));

        html.append("<h2>Charts</h2>\n<div class=\"charts\">\n");
        figure(html, qualityChart(ordered));
        figure(html, latencyChart(ordered));
        figure(html, new Heatmap("Confusion matrix, distilled student", distilled.scores().labels(),
                distilled.scores().confusion()).render());
        figure(html, retentionChart(ordered));
        if (!summary.training().isEmpty()) {
            figure(html, validationChart(summary.training()));
        }
        html.append("</div>\n");

        html.append("<h2>Since the previous run</h2>\n");
        if (changes.hasPreviousRun()) {
            html.append("<p>Compared with run <code>").append(text(changes.previousRunId()))
                    .append("</code>, whose metrics are kept in <code>").append(text(changes.previousMetrics()))
                    .append("</code>. Quality metrics are flagged when they drop by more than ")
                    .append(HumanFormat.score(changes.tolerance())).append(".</p>\n");
            table(html, ReportTables.sincePreviousRun(changes));
        } else {
            html.append("<p>This is the job's first evaluated run: nothing to compare with yet.</p>\n");
        }
        if (!summary.training().isEmpty()) {
            section(html, "Training", ReportTables.training(summary.training()));
        }
        keyValues(html, "Hyperparameters", summary.hyperparameters(), String::valueOf);
        perClassF1(html, summary, ordered);
        keyValues(html, "Valid input rows per split", summary.inputCounts(), String::valueOf);
        keyValues(html, "Quarantined rows per reason", summary.quarantinedCounts(), String::valueOf);
        keyValues(html, "Stage timings", summary.stageSeconds(), HumanFormat::seconds);
        keyValues(html, "Provenance", summary.provenance(), String::valueOf);
        html.append("</body></html>\n");
        return html.toString();
    }

    private static String qualityChart(List<ModelEvaluation> models) {
        List<BarChart.Series> series = models.stream().map(m -> new BarChart.Series(
                ReportTables.studentName(m.role()), colour(m.role()),
                List.of(m.scores().accuracy(), m.scores().macroF1()))).toList();
        return new BarChart("Quality on the test split", "score", List.of("accuracy", "macro-F1"), series,
                Scale.linear(0, 1), HumanFormat::percentOf).render();
    }

    /** p50, p95 and p99 per model on a log scale: a teacher and its student differ by orders of magnitude. */
    private static String latencyChart(List<ModelEvaluation> models) {
        List<BarChart.Series> series = models.stream().map(m -> new BarChart.Series(
                ReportTables.studentName(m.role()), colour(m.role()),
                List.of(m.latency().p50Ms(), m.latency().p95Ms(), m.latency().p99Ms()))).toList();
        double[] measured = models.stream().flatMapToDouble(m -> DoubleStream.of(m.latency().p50Ms(),
                m.latency().p95Ms(), m.latency().p99Ms())).filter(v -> Double.isFinite(v) && v > 0).toArray();
        Scale scale = measured.length == 0 ? Scale.linear(0, 1)
                : Scale.log(DoubleStream.of(measured).min().getAsDouble(), DoubleStream.of(measured).max()
                .getAsDouble());
        // Figures without the unit, which the axis names: "0.0250 ms" is too wide for a bar.
        return new BarChart("Inference time per example (log scale)", "milliseconds", List.of("p50", "p95", "p99"),
                series, scale, ms -> HumanFormat.millis(ms).replace(" ms", "")).render();
    }

    /** Each model's share of the teacher's accuracy against its speed-up over the teacher; the teacher is 1x, 100%. */
    private static String retentionChart(List<ModelEvaluation> models) {
        ModelEvaluation teacher = models.get(0);
        List<ScatterChart.Point> points = new ArrayList<>();
        for (ModelEvaluation m : models) {
            double speedup = teacher.latency().p50Ms() / m.latency().p50Ms();
            double retained = 100 * m.scores().accuracy() / teacher.scores().accuracy();
            points.add(new ScatterChart.Point(ReportTables.studentName(m.role()), colour(m.role()), speedup,
                    retained));
        }
        double[] xs = points.stream().mapToDouble(ScatterChart.Point::x).filter(x -> Double.isFinite(x) && x > 0)
                .toArray();
        double[] ys = points.stream().mapToDouble(ScatterChart.Point::y).filter(Double::isFinite).toArray();
        Scale x = Scale.log(DoubleStream.concat(DoubleStream.of(1), DoubleStream.of(xs)).min().getAsDouble(),
                DoubleStream.concat(DoubleStream.of(1), DoubleStream.of(xs)).max().getAsDouble());
        Scale y = Scale.linear(Math.min(90, DoubleStream.of(ys).min().orElse(90)),
                Math.max(100, DoubleStream.of(ys).max().orElse(100)));
        return new ScatterChart("Accuracy retained vs speed-up over the teacher", "speed-up per example (p50)",
                "% of teacher accuracy", points, x, y, HumanFormat::fold, HumanFormat::percent).render();
    }

    private static String validationChart(List<TrainingCurve> curves) {
        List<LineChart.Series> series = curves.stream().map(c -> new LineChart.Series(
                ReportTables.studentName(c.student()), colour(c.student()),
                c.epochs().stream().map(TrainingCurve.Epoch::validationAccuracy).toList(), c.bestEpoch())).toList();
        double[] values = curves.stream().flatMap(c -> c.epochs().stream())
                .mapToDouble(TrainingCurve.Epoch::validationAccuracy).filter(Double::isFinite).toArray();
        Scale scale = values.length == 0 ? Scale.linear(0, 1)
                : Scale.linear(DoubleStream.of(values).min().getAsDouble(), DoubleStream.of(values).max().getAsDouble());
        return new LineChart("Validation accuracy per epoch", "accuracy", series, scale, HumanFormat::percentOf)
                .render();
    }

    private static String colour(String role) {
        return switch (role) {
            case ModelEvaluation.TEACHER -> Palette.TEACHER;
            case ModelEvaluation.BASELINE -> Palette.BASELINE;
            default -> Palette.DISTILLED;
        };
    }

    private static void figure(StringBuilder html, String svg) {
        html.append("<figure>").append(svg).append("</figure>\n");
    }

    private static void section(StringBuilder html, String title, ReportTables.Cells cells) {
        html.append("<h2>").append(text(title)).append("</h2>\n");
        table(html, cells);
    }

    private static void perClassF1(StringBuilder html, RunSummary summary, List<ModelEvaluation> models) {
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
        section(html, "Per-class F1", new ReportTables.Cells(List.of("Label", "Support", ReportTables.TEACHER,
                ReportTables.BASELINE, ReportTables.DISTILLED), rows));
    }

    private static <V> void keyValues(StringBuilder html, String title, Map<String, V> entries,
                                      Function<V, String> format) {
        if (entries.isEmpty()) {
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        entries.forEach((key, value) -> rows.add(List.of(key, format.apply(value))));
        section(html, title, new ReportTables.Cells(List.of("Name", "Value"), rows));
    }

    private static void table(StringBuilder html, ReportTables.Cells cells) {
        html.append("<table><thead><tr>");
        cells.header().forEach(h -> html.append("<th>").append(text(h)).append("</th>"));
        html.append("</tr></thead><tbody>\n");
        for (List<String> row : cells.rows()) {
            html.append("<tr>");
            for (String cell : row) {
                html.append(cell.startsWith("REGRESSION") ? "<td class=\"flag\">" : "<td>").append(text(cell))
                        .append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody></table>\n");
    }

    private static String text(String s) {
        return Markup.escape(s);
    }
}
