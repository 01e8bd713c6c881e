package io.sparkdistill.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.evaluate.DistillationComparison;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {

    private static String report() {
        return MarkdownReport.render(ReportFixture.summary(), ReportFixture.models(), ReportFixture.comparison(),
                ReportFixture.firstRun());
    }

    private static void assertHasLine(String report, String line) {
        assertTrue(report.lines().anyMatch(line::equals), "missing line:\n" + line + "\nin:\n" + report);
    }

    @Test
    void opensWithTheHeadlineSentence() {
        // accuracy 0.87 / 0.945 = 92.06%; p50 12.8 ms / 0.025 ms = 512
        assertHasLine(report(), "**The distilled student keeps 92.1% of the teacher's accuracy and answers 512x "
                + "faster per example.**");
    }

    @Test
    void holdsTheTeacherVersusDistilledTableWithHumanFigures() {
        String md = report();
        assertHasLine(md, "| Metric | Teacher | Distilled student | Change |");
        // 1 / 512 - 1 = -99.8%; 1 / 480 - 1 = -99.8%
        assertHasLine(md, "| Inference time per example (p50) | 12.8 ms | 0.0250 ms | 512x faster (-99.8%) |");
        assertHasLine(md, "| Inference time per example (p95) | 19.2 ms | 0.0400 ms | 480x faster (-99.8%) |");
        assertHasLine(md, "| Memory | 180.0 MB | 6.0 MB | 30.0x less (-96.7%) |");
        assertHasLine(md, "| Accuracy | 94.5% | 87.0% | -7.5 pp (92.1% retained) |");
        assertHasLine(md, "| Macro-F1 | 0.900 | 0.855 | -4.5 pp (95.0% retained) |");
        assertHasLine(md, "| Throughput (batched) | 400/s | 100.0K/s | 250x higher |");
        assertHasLine(md, "| Parameters | 22.7M | 1.1M | 20.0x fewer (-95.0%) |");
        assertHasLine(md, "| Size on disk | 90.0 MB | 4.5 MB | 20.0x smaller (-95.0%) |");
    }

    @Test
    void showsWhatDistillationAddsOverTheBaselineStudent() {
        String md = report();
        assertHasLine(md, "| Accuracy | 80.0% | 87.0% | +7.0 pp |");
        assertHasLine(md, "| Macro-F1 | 0.750 | 0.855 | +10.5 pp |");
        assertHasLine(md, "| ECE (lower is better) | 0.042 | 0.042 | +0.000 |");
    }

    @Test
    void listsPerClassF1ConfusionMatricesAndCalibrationForAllThreeModels() {
        String md = report();
        assertHasLine(md, "| Label | Support | Teacher | Baseline student | Distilled student |");
        assertHasLine(md, "| negative | 350 | 0.900 | 0.750 | 0.855 |");
        assertEquals(3, md.lines().filter("| gold \\ predicted | positive | negative | neutral |"::equals).count());
        assertHasLine(md, "| negative | 20 | 300 | 30 |");
        assertHasLine(md, "| Teacher | 94.5% | 91.0% | 0.042 |");
    }

    @Test
    void reportsDataCountsHyperparametersAndProvenance() {
        String md = report();
        assertHasLine(md, "| test | 1000 |");
        assertHasLine(md, "| missing field 'text' | 3 |");
        assertTrue(md.contains("Teacher calls made in this run: 4990; synthetic rows accepted: 4987."));
        assertHasLine(md, "| generate | 5 min 12 s |");
        assertHasLine(md, "| train | 45.5 s |");
        assertHasLine(md, "| temperature | 2.0 |");
        assertHasLine(md, "| learning_rate | 0.01 |");
        assertHasLine(md, "| run_dir | runs/support-sentiment |");
        assertHasLine(md, "| teacher | minilm-head (bundled), fingerprint abc123 |");
        assertHasLine(md, "| input data/train.jsonl | 1234 bytes, sha-256 9f86d081 |");
        assertHasLine(md, "| spark-distill | 0.1.0-SNAPSHOT, commit 0df58a3 |");
        assertHasLine(md, "| seed | 42 |");
        assertTrue(md.contains("## How to read this"));
    }

    @Test
    void recordsHowEachStudentsTrainingEndedAndItsValidationCurve() {
        String md = report();
        assertHasLine(md, "| Student | Epochs run | Epoch kept | Validation accuracy (kept) | Ended by |");
        assertHasLine(md, "| Baseline student | 10 of 10 | 9 | 80.0% | all epochs run |");
        assertHasLine(md, "| Distilled student | 7 of 10 | 4 | 87.0% | early stopping: no better validation "
                + "accuracy |");
        assertHasLine(md, "Validation accuracy by epoch, Distilled student: 60.0%, 75.0%, 82.0%, **87.0%**, 86.0%, "
                + "86.5%, 85.0%");
    }

    @Test
    void saysWhenThereIsNoPreviousRunToCompareWith() {
        assertTrue(report().contains("This is the job's first evaluated run: nothing to compare with yet."));
    }

    @Test
    void flagsAQualityDropSinceThePreviousRunBeyondTheTolerance() {
        String md = MarkdownReport.render(ReportFixture.summary(), ReportFixture.models(), ReportFixture.comparison(),
                ChangesSincePreviousRunTest.distilledAccuracyWas(0.89, 0.01));
        assertTrue(md.contains("Compared with run `previous-run` (its metrics are kept in "
                + "`runs/job/history/previous-run-metrics.json`). **Regression: 1 metric dropped by more than 0.010: "
                + "Distilled student accuracy.**"), md);
        assertHasLine(md, "| Distilled student accuracy | 0.890 | 0.870 | -0.020 | REGRESSION: dropped more than "
                + "0.010 |");
        assertHasLine(md, "| Teacher accuracy | 0.945 | 0.945 | +0.000 | unchanged |");
    }

    @Test
    void saysSlowerWhenTheStudentIsNotFaster() {
        DistillationComparison slower = new DistillationComparison(97.1, 95, 0.5, 0.5, 1, 1, 1, 1, 0, 0);
        assertEquals("The distilled student keeps 97.1% of the teacher's accuracy and answers 2.00x slower per "
                + "example.", MarkdownReport.headline(slower));
    }

    @Test
    void refusesAModelListWithoutTheBaseline() {
        assertThrows(IllegalArgumentException.class, () -> MarkdownReport.render(ReportFixture.summary(),
                List.of(ReportFixture.teacher(), ReportFixture.distilled()), ReportFixture.comparison(), ReportFixture.firstRun()));
    }

    @Test
    void namesTheInputsFoundInTwoSplitsOnlyWhenThereAreSome() throws Exception {
        assertTrue(report().lines().noneMatch(line -> line.startsWith("**Inputs found in two splits.**")));
        RunSummary s = ReportFixture.summary();
        RunSummary leaky = new RunSummary(s.jobName(), s.task(), s.runId(), s.labels(), s.hyperparameters(),
                s.inputCounts(), s.quarantinedCounts(), Map.of("train/test", 3L), s.teacherCallsMade(),
                s.syntheticRows(), s.teacherAccounting(), s.stageSeconds(), s.details(), s.provenance(),
                s.training());
        String md = MarkdownReport.render(leaky, ReportFixture.models(), ReportFixture.comparison(),
                ReportFixture.firstRun());
        assertTrue(md.contains("**Inputs found in two splits.**"), md);
        assertHasLine(md, "| train/test | 3 |");
        String json = MetricsJson.render(leaky, ReportFixture.models(), ReportFixture.comparison(),
                ReportFixture.firstRun());
        assertEquals(3, new ObjectMapper().readTree(json).get("summary").get("split_overlap").get("train/test")
                .asLong());
    }
}
