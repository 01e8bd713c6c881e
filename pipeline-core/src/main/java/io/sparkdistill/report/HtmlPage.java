package io.sparkdistill.report;

import io.sparkdistill.report.chart.Markup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.function.Function;

import io.sparkdistill.provenance.ProvenanceLines;

/**
 * The page every report.html is written on, whatever the task: the head and its one inline style sheet, the title,
 * the run's facts, the headline and a regression banner on top; tables, a grid of charts, the change since the
 * previous run, and the run's details (training, hyperparameters, data, timings, provenance) below. Every text from
 * the run passes through {@link Markup#escape}, so the page is well-formed XML as well as HTML.
 */
final class HtmlPage {
    private static final String STYLE = """
            body { font-family: system-ui, sans-serif; color: #222; margin: 24px auto; max-width: 1160px; }
            h1 { font-size: 24px; margin-bottom: 4px; }
            h2 { font-size: 18px; margin-top: 28px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
            h3 { font-size: 15px; margin: 18px 0 4px; }
            .facts { color: #555; margin-top: 0; }
            .headline { font-size: 18px; font-weight: bold; }
            .regression { background: #fde2e1; border: 1px solid #c0392b; padding: 8px 12px; font-weight: bold; }
            .charts { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
            figure { margin: 0; border: 1px solid #eee; padding: 4px; }
            table { border-collapse: collapse; margin: 8px 0; }
            th, td { border: 1px solid #ddd; padding: 4px 10px; text-align: left; }
            th { background: #f5f5f5; }
            td.flag { color: #c0392b; font-weight: bold; }
            table.texts td { white-space: pre-wrap; vertical-align: top; }
            """;

    private final StringBuilder html = new StringBuilder();

    /**
     * Opens the page: title, a facts line (the run id, the task, then {@code facts}), the headline and, when a
     * quality metric dropped since the previous run, the regression banner.
     */
    HtmlPage(RunSummary summary, List<String> facts, String headline, ChangesSincePreviousRun changes) {
        html.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head>")
                .append("<meta charset=\"utf-8\"/><title>Distillation report: ").append(text(summary.jobName()))
                .append("</title><style>").append(STYLE).append("</style></head><body>\n");
        html.append("<h1>Distillation report: ").append(text(summary.jobName())).append("</h1>\n");
        html.append("<p class=\"facts\">Run <code>").append(text(summary.runId())).append("</code> · task ")
                .append(text(summary.task()));
        facts.forEach(fact -> html.append(" · ").append(text(fact)));
        html.append("</p>\n");
        html.append("<p class=\"headline\">").append(text(headline)).append("</p>\n");
        if (!changes.regressions().isEmpty()) {
            html.append("<p class=\"regression\">Regression since run ").append(text(changes.previousRunId()))
                    .append(": ").append(text(String.join(", ", changes.regressions().stream()
                            .map(r -> ReportTables.metricName(r.key())).toList())))
                    .append(" dropped by more than ")
                    .append(ReportTables.allowedDrops(changes.regressions(), changes.tolerance())).append(".</p>\n");
        }
    }

    HtmlPage section(String title, ReportTables.Cells cells) {
        heading(title);
        table(cells, "");
        return this;
    }

    /** A section whose table a sentence introduces. */
    HtmlPage section(String title, String introduction, ReportTables.Cells cells) {
        heading(title);
        paragraph(introduction);
        table(cells, "");
        return this;
    }

    HtmlPage heading(String title) {
        html.append("<h2>").append(text(title)).append("</h2>\n");
        return this;
    }

    HtmlPage paragraph(String words) {
        html.append("<p>").append(text(words)).append("</p>\n");
        return this;
    }

    /** A small heading and a table of multi-line texts (prompts, answers), shown with their line breaks. */
    HtmlPage texts(String title, ReportTables.Cells cells) {
        html.append("<h3>").append(text(title)).append("</h3>\n");
        table(cells, " class=\"texts\"");
        return this;
    }

    /** The inline SVG images, two to a row. */
    HtmlPage charts(List<String> svgs) {
        html.append("<h2>Charts</h2>\n<div class=\"charts\">\n");
        svgs.forEach(svg -> html.append("<figure>").append(svg).append("</figure>\n"));
        html.append("</div>\n");
        return this;
    }

    HtmlPage sincePreviousRun(ChangesSincePreviousRun changes) {
        html.append("<h2>Since the previous run</h2>\n");
        if (changes.hasPreviousRun()) {
            html.append("<p>Compared with run <code>").append(text(changes.previousRunId()))
                    .append("</code>, whose metrics are kept in <code>").append(text(changes.previousMetrics()))
                    .append("</code>. Quality metrics are flagged when they drop by more than ")
                    .append(ReportTables.allowedDrops(changes.changes(), changes.tolerance())).append(".</p>\n");
            table(ReportTables.sincePreviousRun(changes), "");
        } else {
            html.append("<p>This is the job's first evaluated run: nothing to compare with yet.</p>\n");
        }
        return this;
    }

    /**
     * Training (each epoch's {@code validation} figure, shown with {@code format}), hyperparameters, input and
     * quarantined rows, stage timings, the run's details and its provenance.
     */
    HtmlPage runDetails(RunSummary summary, String validation, DoubleFunction<String> format) {
        if (!summary.training().isEmpty()) {
            section("Training", ReportTables.training(summary.training(), validation, format));
        }
        keyValues("Hyperparameters", summary.hyperparameters(), String::valueOf);
        keyValues("Valid input rows per split", summary.inputCounts(), String::valueOf);
        keyValues("Quarantined rows per reason", summary.quarantinedCounts(), String::valueOf);
        if (!summary.splitOverlap().isEmpty()) {
            keyValues("Inputs found in two splits (held-out rows the students also learn from)",
                    summary.splitOverlap(), String::valueOf);
        }
        keyValues("Stage timings", summary.stageSeconds(), HumanFormat::seconds);
        keyValues("Run details", summary.details(), String::valueOf);
        keyValues("Provenance", ProvenanceLines.of(summary.provenance()), String::valueOf);
        return this;
    }

    /** Closes the page and returns it. */
    String end() {
        return html.append("</body></html>\n").toString();
    }

    private <V> void keyValues(String title, Map<String, V> entries, Function<V, String> format) {
        if (entries.isEmpty()) {
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        entries.forEach((key, value) -> rows.add(List.of(key, format.apply(value))));
        section(title, new ReportTables.Cells(List.of("Name", "Value"), rows));
    }

    private void table(ReportTables.Cells cells, String attributes) {
        html.append("<table").append(attributes).append("><thead><tr>");
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
