package io.sparkdistill.report;

import io.sparkdistill.evaluate.TextModelEvaluation;
import io.sparkdistill.evaluate.baseline.TrivialBaselineScores;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a text task's report.md and report.html say about its trivial baseline, as formatted text and cells: the
 * students' margins over it, in a sentence on the primary metric and in a table on every metric. A student that does
 * not clear it by a wide margin is not worth deploying, however close it is to its teacher.
 */
final class TrivialBaselineTables {
    static final String TRIVIAL = "Trivial baseline";

    private TrivialBaselineTables() {
    }

    /** "It scores +20.0 F1 over the trivial baseline.", the headline's second sentence on the distilled student. */
    static String headline(TrivialBaselineScores trivial, TextModelEvaluation distilled, String primary) {
        return "It scores " + margin(trivial, distilled, primary) + " "
                + ReportTables.qualityName(primary) + " over the trivial baseline.";
    }

    /**
     * "Trivial baseline: the document's first three sentences. On ROUGE-L, distilled +0.041 over the trivial
     * baseline, baseline student +0.012."
     */
    static String summary(TrivialBaselineScores trivial, ModelsByRole<TextModelEvaluation> models, String primary) {
        return "Trivial baseline: " + trivial.description() + ". On " + ReportTables.qualityName(primary)
                + ", distilled " + margin(trivial, models.distilled(), primary)
                + " over the trivial baseline, baseline student " + margin(trivial, models.baseline(), primary) + ".";
    }

    /**
     * Every metric of the trivial baseline beside the two students, and each student's margin over it, in the order
     * of the models' metrics.
     */
    static ReportTables.Cells margins(TrivialBaselineScores trivial, ModelsByRole<TextModelEvaluation> models) {
        Set<String> metrics = TextReportTables.qualityMetrics(models.ordered());
        metrics.addAll(trivial.quality().keySet());
        List<List<String>> rows = new ArrayList<>();
        for (String metric : metrics) {
            rows.add(List.of(TextReportTables.withScale(metric),
                    TextReportTables.value(metric, trivial.quality().getOrDefault(metric, Double.NaN)),
                    TextReportTables.value(metric, quality(models.baseline(), metric)),
                    TextReportTables.value(metric, quality(models.distilled(), metric)),
                    margin(trivial, models.baseline(), metric), margin(trivial, models.distilled(), metric)));
        }
        return new ReportTables.Cells(List.of("Metric", TRIVIAL, ReportTables.BASELINE, ReportTables.DISTILLED,
                "Baseline student margin", "Distilled student margin"), rows);
    }

    /** {@code student}'s margin over the trivial baseline on {@code metric}: "+20.0", "-0.013", "n/a". */
    private static String margin(TrivialBaselineScores trivial, TextModelEvaluation student, String metric) {
        return TextReportTables.difference(metric, trivial.margin(metric, quality(student, metric)));
    }

    private static double quality(TextModelEvaluation model, String metric) {
        return model.quality().getOrDefault(metric, Double.NaN);
    }
}
