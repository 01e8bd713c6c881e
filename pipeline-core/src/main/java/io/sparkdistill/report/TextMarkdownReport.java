package io.sparkdistill.report;

import io.sparkdistill.evaluate.TextComparison;
import io.sparkdistill.evaluate.TextExampleOutputs;
import io.sparkdistill.evaluate.TextModelEvaluation;
import io.sparkdistill.evaluate.baseline.TrivialBaselineScores;
import io.sparkdistill.ingest.TaskType;
import java.util.List;

/**
 * Writes the report.md of a text task's run (conversation, qa, summarisation, math). Like {@link MarkdownReport} it
 * opens with the answer: a headline on the task's primary metric ({@link TextComparison#primaryMetric}) and the source
 * document's teacher-vs-student table; then what distillation adds over the baseline student, the students' margins
 * over the task's trivial baseline (when the run has one), how closely each student agrees with its teacher, every
 * model's quality and speed, the change since the previous run, a few worked examples, and the run's details. The same
 * figures, unformatted, are in {@link TextMetricsJson}.
 */
public final class TextMarkdownReport {
    private TextMarkdownReport() {
    }

    /** The report.md of a run without a trivial baseline. */
    public static String render(RunSummary summary, TaskType task, List<TextModelEvaluation> models,
                                TextComparison comparison, ChangesSincePreviousRun changes,
                                List<TextExampleOutputs> examples) {
        return render(summary, task, models, null, comparison, changes, examples);
    }

    /**
     * The report.md of a text task's run; {@code models} must hold one evaluation per role. A
     * {@code trivialBaseline} (may be null) is shown beside the models: the headline and a section give the
     * students' margins over it.
     */
    public static String render(RunSummary summary, TaskType task, List<TextModelEvaluation> models,
                                TrivialBaselineScores trivialBaseline, TextComparison comparison,
                                ChangesSincePreviousRun changes, List<TextExampleOutputs> examples) {
        ModelsByRole<TextModelEvaluation> byRole = ModelsByRole.of(models);
        String primary = comparison.primaryMetric();
        StringBuilder md = new StringBuilder();
        md.append("# Distillation report: ").append(summary.jobName()).append("\n\n");
        md.append("- Run: `").append(summary.runId()).append("`\n");
        md.append("- Task: ").append(task.configName()).append(", judged by ")
                .append(TextReportTables.withScale(primary)).append('\n');
        md.append("- Teacher: ").append(byRole.teacher().description()).append('\n');
        md.append("- Baseline student (gold answers only): ").append(byRole.baseline().description()).append('\n');
        md.append("- Distilled student (teacher's answers): ").append(byRole.distilled().description()).append('\n');
        if (trivialBaseline != null) {
            md.append("- Trivial baseline (no learning): ").append(trivialBaseline.description()).append('\n');
        }
        md.append("\n**").append(headline(comparison, trivialBaseline, byRole)).append("**\n\n");

        md.append("## Teacher vs distilled student\n\n");
        md.append(MarkdownTable.of(TextReportTables.teacherVersusDistilled(byRole, comparison))).append('\n');
        md.append("## What distillation adds\n\n");
        md.append("Both students have the same architecture and see the same prompts; the baseline learns from the "
                + "gold answers, the distilled student from the teacher's answers.\n\n");
        md.append(MarkdownTable.of(TextReportTables.baselineVersusDistilled(byRole, comparison))).append('\n');
        if (trivialBaseline != null) {
            md.append("## Against the trivial baseline\n\n");
            md.append(TrivialBaselineTables.summary(trivialBaseline, byRole, primary)).append(" A rule with no "
                    + "learning: a student is worth deploying only by a clear margin over it.\n\n");
            md.append(MarkdownTable.of(TrivialBaselineTables.margins(trivialBaseline, byRole))).append('\n');
        }
        md.append("## Agreement with the teacher\n\n");
        md.append("Each student scored with the teacher's answer as the only reference: how closely it imitates its "
                + "teacher, whether or not the teacher is right.\n\n");
        md.append(MarkdownTable.of(TextReportTables.agreement(byRole))).append('\n');
        md.append("## Every model\n\n");
        md.append(MarkdownTable.of(TextReportTables.quality(byRole.ordered(), trivialBaseline))).append('\n');
        md.append(MarkdownTable.of(TextReportTables.speed(byRole.ordered()))).append('\n');
        MarkdownReport.sincePreviousRun(md, changes);
        workedExamples(md, examples);
        MarkdownReport.runDetails(md, summary, ReportTables.qualityName(primary),
                value -> TextReportTables.value(primary, value));
        howToRead(md, trivialBaseline != null);
        return md.toString();
    }

    /**
     * "The distilled student keeps 85.0% of the teacher's F1 and answers 40x faster per example.", followed by its
     * margin over the trivial baseline when there is one (may be null).
     */
    static String headline(TextComparison c, TrivialBaselineScores trivial, ModelsByRole<TextModelEvaluation> models) {
        String headline = MarkdownReport.headline(ReportTables.qualityName(c.primaryMetric()), c.retainedPercent(),
                c.speedupP50());
        return trivial == null ? headline
                : headline + " " + TrivialBaselineTables.headline(trivial, models.distilled(), c.primaryMetric());
    }

    /** Each example's texts in fenced blocks, so that nothing a model wrote is read as Markdown or HTML. */
    private static void workedExamples(StringBuilder md, List<TextExampleOutputs> examples) {
        md.append("## Worked examples\n\n");
        if (examples.isEmpty()) {
            md.append("None recorded.\n\n");
            return;
        }
        for (TextExampleOutputs example : examples) {
            ReportTables.Cells parts = TextReportTables.example(example);
            md.append("### Example ").append(example.id()).append("\n\n");
            for (List<String> part : parts.rows()) {
                String fence = fence(part.get(1));
                md.append("**").append(part.get(0)).append("**\n\n").append(fence).append("text\n")
                        .append(part.get(1)).append('\n').append(fence).append("\n\n");
            }
        }
    }

    /** Three backticks, or one more than the longest run of backticks in {@code text}. */
    static String fence(String text) {
        int longest = 0;
        int run = 0;
        for (char c : text.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return "`".repeat(Math.max(3, longest + 1));
    }

    private static void howToRead(StringBuilder md, boolean trivialBaseline) {
        md.append("## How to read this\n\n");
        md.append("Quality is measured against the gold answers of the test split with the reference "
                + "implementations' definitions: SQuAD v1.1 exact match and F1 (0-100, best over the references), "
                + "rouge-score's ROUGE-1/2/L F-measures without stemming (0-1, averaged over examples), sacreBLEU's "
                + "corpus BLEU and chrF (0-100), and exact match of the final number for math (0-100). \"Retained\" "
                + "is the distilled student's score as a share of the teacher's; changes are on the metric's own "
                + "scale (points for 0-100 metrics). Agreement scores a student against the teacher's answers "
                + "instead of the gold ones. Inference time is measured one example at a time on a single thread "
                + "after a warm-up (nearest-rank percentiles); per generated token, each example's time is divided "
                + "by the tokens it generated. Memory is the peak resident set of a fresh JVM that loads the model "
                + "and answers the timed examples, JVM included (an empty JVM's figure is in the run details). The baseline student has the distilled "
                + "student's architecture but never saw the teacher: the gap between them is what distillation "
                + "brings.");
        if (trivialBaseline) {
            md.append(" The trivial baseline is a rule with no learning, fitted on the training split's gold answers "
                    + "where it needs any and scored like the models; a margin is a student's score minus its "
                    + "score.");
        }
        md.append('\n');
    }
}
