package io.sparkdistill.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdistill.evaluate.baseline.TrivialBaselineScores;
import io.sparkdistill.ingest.TaskType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextMarkdownReportTest {

    private static String report(ChangesSincePreviousRun changes) {
        return TextMarkdownReport.render(TextReportFixture.summary(), TaskType.QA, TextReportFixture.models(),
                TextReportFixture.comparison(), changes, TextReportFixture.examples());
    }

    private static String report() {
        return report(TextReportFixture.firstRun());
    }

    private static void assertHasLine(String report, String line) {
        assertTrue(report.lines().anyMatch(line::equals), "missing line:\n" + line + "\nin:\n" + report);
    }

    @Test
    void opensWithTheHeadlineOnThePrimaryMetric() {
        String md = report();
        assertHasLine(md, "**The distilled student keeps 85.0% of the teacher's F1 and answers 40.0x faster per "
                + "example.**");
        assertHasLine(md, "- Task: qa, judged by F1 (0-100)");
    }

    @Test
    void holdsTheSourceDocumentsComparisonTableTeacherVersusDistilled() {
        String md = report();
        assertHasLine(md, "| Metric | Teacher | Distilled student | Change |");
        assertHasLine(md, "| Inference time per example (p50) | 400 ms | 10.0 ms | 40.0x faster (-97.5%) |");
        assertHasLine(md, "| Inference time per generated token (p50) | 20.0 ms | 0.400 ms | 50.0x faster (-98.0%) |");
        assertHasLine(md, "| Memory | 17.00 GB | 40.0 MB | 425x less (-99.8%) |");
        assertHasLine(md, "| Exact match (0-100) | 60.0 | 45.0 | -15.0 (75.0% retained) |");
        assertHasLine(md, "| F1 (0-100) | 80.0 | 68.0 | -12.0 (85.0% retained) |");
        assertHasLine(md, "| Throughput (examples) | 2.50/s | 100/s | 40.0x higher |");
        assertHasLine(md, "| Parameters | 8.0B | 5.0M | 1600x fewer (-99.9%) |");
        assertHasLine(md, "| Size on disk | 16.00 GB | 20.0 MB | 800x smaller (-99.9%) |");
    }

    @Test
    void showsTheImprovementOverTheBaselineAndEachStudentsAgreementWithTheTeacher() {
        String md = report();
        assertHasLine(md, "| Metric | Baseline student | Distilled student | Change |");
        assertHasLine(md, "| F1 (0-100) | 48.0 | 68.0 | +20.0 |");
        assertHasLine(md, "| Exact match (0-100) | 30.0 | 45.0 | +15.0 |");
        assertHasLine(md, "| Metric (vs the teacher's answers) | Baseline student | Distilled student | Change |");
        assertHasLine(md, "| F1 (0-100) | 50.0 | 74.0 | +24.0 |");
    }

    @Test
    void listsEveryModelsQualityAndLatencyPercentilesPerExampleAndPerToken() {
        String md = report();
        assertHasLine(md, "| Exact match (0-100) | 60.0 | 30.0 | 45.0 |");
        assertHasLine(md, "| Inference time per example, p50 / p95 / p99 | 400 ms / 900 ms / 1.50 s "
                + "| 8.00 ms / 12.0 ms / 20.0 ms | 10.0 ms / 15.0 ms / 25.0 ms |");
        assertHasLine(md, "| Inference time per generated token, p50 / p95 / p99 | 20.0 ms / 40.0 ms / 60.0 ms "
                + "| 0.500 ms / 0.800 ms / 1.00 ms | 0.400 ms / 0.700 ms / 0.900 ms |");
        assertHasLine(md, "| Generated tokens per example (mean) | 20.0 | 16.0 | 25.0 |");
    }

    @Test
    void flagsADropOfMoreThanOnePointOfF1SinceThePreviousRun() {
        String md = report(TextChangesSincePreviousRunTest.distilledF1Was(69.5));
        assertTrue(md.contains("**Regression: 1 metric dropped by more than 1.000: Distilled student F1.**"), md);
        assertHasLine(md, "| Distilled student F1 | 69.500 | 68.000 | -1.500 | REGRESSION: dropped more than 1.000 |");
        assertTrue(report(TextChangesSincePreviousRunTest.distilledF1Was(68.5))
                .contains("No quality metric dropped by more than 1.000."));
    }

    @Test
    void showsWorkedExamplesVerbatimInFencesLongerThanAnyBacktickRunInThem() {
        String md = report();
        assertHasLine(md, "### Example ex-1");
        assertTrue(md.contains("**Reference 2**\n\n```text\nthe city of Paris\n```\n"), md);
        // The distilled answer holds three backticks: its fence has four, so the answer cannot end it.
        assertTrue(md.contains("**Distilled student**\n\n````text\n" + TextReportFixture.HOSTILE + " Paris ```\n"
                + "````\n"), md);
        assertTrue(md.contains(" [... " + (TextReportFixture.examples().get(1).prompt().length() - 1200)
                + " more characters]\n```"), "a long prompt is cut");
    }

    @Test
    void namesTheValidationFigureOfTrainingAfterThePrimaryMetric() {
        String md = report();
        assertHasLine(md, "| Student | Epochs run | Epoch kept | Validation F1 (kept) | Ended by |");
        assertHasLine(md, "| Distilled student | 7 of 8 | 4 | 67.5 | early stopping: no better validation F1 |");
        assertHasLine(md, "Validation F1 by epoch, Distilled student: 25.0, 52.0, 61.0, **67.5**, 67.0, 66.8, 66.0");
    }

    @Test
    void recordsHyperparametersProvenanceAndData() {
        String md = report();
        assertHasLine(md, "| batch_size | 32 |");
        assertHasLine(md, "| temperature | 0.7 |");
        assertHasLine(md, "| prompt template | qa-v2 |");
        assertHasLine(md, "| corpus_metrics_over | 100 test examples |");
        assertHasLine(md, "| empty_field | 2 |");
        assertEquals(List.of("## Teacher vs distilled student", "## What distillation adds",
                        "## Agreement with the teacher", "## Every model", "## Since the previous run",
                        "## Worked examples", "## Data", "## Stage timings", "## Hyperparameters", "## Training",
                        "## Run details", "## Provenance", "## How to read this"),
                md.lines().filter(l -> l.startsWith("## ")).toList());
    }

    private static String reportWithTrivialBaseline() {
        return TextMarkdownReport.render(TextReportFixture.summary(), TaskType.QA, TextReportFixture.models(),
                TextReportFixture.trivialBaseline(), TextReportFixture.comparison(), TextReportFixture.firstRun(),
                TextReportFixture.examples());
    }

    @Test
    void showsTheTrivialBaselineBesideTheModelsWithTheStudentsMarginsOverIt() {
        String md = reportWithTrivialBaseline();
        assertHasLine(md, "- Trivial baseline (no learning): the best-overlap sentence");
        assertHasLine(md, "**The distilled student keeps 85.0% of the teacher's F1 and answers 40.0x faster per "
                + "example. It scores +38.0 F1 over the trivial baseline.**");
        assertTrue(md.contains("Trivial baseline: the best-overlap sentence. On F1, distilled +38.0 over the trivial "
                + "baseline, baseline student +18.0."), md);
        assertHasLine(md, "| Metric | Trivial baseline | Baseline student | Distilled student | Baseline student "
                + "margin | Distilled student margin |");
        assertHasLine(md, "| Exact match (0-100) | 2.0 | 30.0 | 45.0 | +28.0 | +43.0 |");
        assertHasLine(md, "| F1 (0-100) | 30.0 | 48.0 | 68.0 | +18.0 | +38.0 |");
        assertHasLine(md, "| Metric | Teacher | Baseline student | Distilled student | Trivial baseline |");
        assertHasLine(md, "| F1 (0-100) | 80.0 | 48.0 | 68.0 | 30.0 |");
        assertEquals(List.of("## Teacher vs distilled student", "## What distillation adds",
                        "## Against the trivial baseline", "## Agreement with the teacher", "## Every model",
                        "## Since the previous run", "## Worked examples", "## Data", "## Stage timings",
                        "## Hyperparameters", "## Training", "## Run details", "## Provenance",
                        "## How to read this"),
                md.lines().filter(l -> l.startsWith("## ")).toList());
    }

    @Test
    void withoutATrivialBaselineTheReportSaysNothingOfOne() {
        assertFalse(report().toLowerCase(Locale.ROOT).contains("trivial"));
    }

    @Test
    void aStudentBelowTheTrivialBaselineShowsANegativeMarginOnItsOwnScale() {
        String md = TextMarkdownReport.render(TextReportFixture.summary(TaskType.SUMMARISATION, "news", List.of()),
                TaskType.SUMMARISATION, TextReportFixture.summarisationModels(0.34),
                new TrivialBaselineScores("the document's first three sentences",
                        Map.of("rougeL", 0.383)), TextReportFixture.summarisationComparison(0.34),
                TextReportFixture.firstRun(), List.of());
        assertTrue(md.contains("It scores -0.043 ROUGE-L over the trivial baseline.**"), md);
        assertHasLine(md, "| ROUGE-L (0-1) | 0.383 | 0.260 | 0.340 | -0.123 | -0.043 |");
        assertHasLine(md, "| ROUGE-1 (0-1) | 0.450 | 0.300 | 0.380 | n/a |");
        assertHasLine(md, "| ROUGE-1 (0-1) | n/a | 0.300 | 0.380 | n/a | n/a |");
    }

    @Test
    void aSummarisationReportShowsRougeOnItsZeroToOneScale() {
        String md = TextMarkdownReport.render(TextReportFixture.summary(TaskType.SUMMARISATION, "news", List.of()),
                TaskType.SUMMARISATION, TextReportFixture.summarisationModels(0.34),
                TextReportFixture.summarisationComparison(0.34), TextReportFixture.firstRun(), List.of());
        assertHasLine(md, "**The distilled student keeps 85.0% of the teacher's ROUGE-L and answers 129x faster per "
                + "example.**");
        assertHasLine(md, "| ROUGE-L (0-1) | 0.260 | 0.340 | +0.080 |");
        assertHasLine(md, "| Inference time per generated token (p50) | n/a | n/a | n/a |");
        assertHasLine(md, "| Parameters | n/a | n/a | n/a |");
        assertTrue(md.contains("## Worked examples\n\nNone recorded."));
    }
}
