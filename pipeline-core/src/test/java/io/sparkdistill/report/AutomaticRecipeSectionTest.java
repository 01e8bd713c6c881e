package io.sparkdistill.report;

import io.sparkdistill.config.RecipeSearchConfig;
import io.sparkdistill.config.StudentArchitecture;
import io.sparkdistill.student.SoftLabelMix;
import io.sparkdistill.student.search.Candidate;
import io.sparkdistill.student.search.CandidateProgress;
import io.sparkdistill.student.search.CandidateSpace;
import io.sparkdistill.student.search.BracketedSearch;
import io.sparkdistill.student.search.RecipeSearchRecord;
import io.sparkdistill.student.search.SearchSetup;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AutomaticRecipeSectionTest {

    @Test
    void aSearchedRunsReportNamesTheWinnerAndListsEveryCandidateWithItsScoresByRung() {
        List<Candidate> grid = CandidateSpace.grid(new RecipeSearchConfig(true, null, null, null, null, null, null,
                null, null, null, null, null), List.of(0));
        // 20 epochs: bracket 1 tries 6 (2 each, the best 2 on to 6), early stopping ends each at 3, so 6 epochs are
        // left for more brackets.
        SearchSetup setup = SearchSetup.of(grid, 7, 20, 2, 6, 3, 0.0);
        RecipeSearchRecord search = BracketedSearch.run(setup, (rung, candidates) -> {
            Map<Candidate, CandidateProgress> out = new LinkedHashMap<>();
            candidates.forEach(c -> out.put(c, new CandidateProgress(Math.min(rung.epochs(), 3), 1,
                    rung.epochs() > 3, 0.5 + c.index() / 100.0, 0.8, 0.5 + c.index() / 100.0)));
            return out;
        }, line -> { });
        assertTrue(search.brackets().size() > 1, "a later bracket");
        RunSummary s = ReportFixture.summary();
        RunSummary searched = new RunSummary(s.jobName(), s.task(), s.runId(), s.labels(), s.hyperparameters(),
                s.inputCounts(), s.quarantinedCounts(), s.splitOverlap(), s.teacherCallsMade(), s.syntheticRows(),
                s.teacherAccounting(), s.stageSeconds(), s.details(), s.provenance(), s.training(), search);

        String md = MarkdownReport.render(searched, ReportFixture.models(), ReportFixture.comparison(),
                ReportFixture.firstRun());

        Candidate winner = search.winnerRecord().candidate();
        assertTrue(md.contains("## Automatic recipe"), md);
        assertTrue(md.contains("among " + search.candidates().size() + " candidates (of the " + grid.size()
                + " its lists make, drawn in a seeded order) in " + search.brackets().size() + " brackets"), md);
        assertTrue(md.contains("| Bracket | Rungs (candidates to epochs) | Epochs at most | Epochs used |"), md);
        assertTrue(md.contains("| 1 | 6 to 2, 2 to 6 | 20 | 14 | "), md);
        assertTrue(md.contains("Winner: **" + winner.name() + "**"), md);
        assertTrue(md.contains("| " + winner.name() + " | " + (search.winnerRecord().bracket() + 1) + " | "
                + winner.architecture().configName()), md);
        assertTrue(md.contains("| **winner** |"), md);
        assertTrue(md.contains("cut after rung 1"), md);
        for (RecipeSearchRecord.CandidateRecord c : search.candidates()) {
            assertTrue(md.contains("| " + c.name() + " | " + (c.bracket() + 1) + " |"), c.name());
        }
        String html = HtmlReport.render(searched, ReportFixture.models(), ReportFixture.comparison(),
                ReportFixture.firstRun());
        assertTrue(html.contains("<h2>Automatic recipe</h2>"), "report.html has the section too");
        assertTrue(html.contains("Winner: " + winner.name()), html);
        for (RecipeSearchRecord.CandidateRecord c : search.candidates()) {
            assertTrue(html.contains(c.name()), c.name());
        }
        assertTrue(md.contains("The baseline has the winner's architecture and class weighting, at alpha 1."), md);

        Map<String, Double> baselines = new LinkedHashMap<>();
        baselines.put("fasttext none", 0.412);
        baselines.put("cnn balanced", 0.457);
        RecipeSearchRecord mixed = search.withSoftLabels(new RecipeSearchRecord.SoftLabels(baselines, "cnn balanced",
                new SoftLabelMix(0.25, 1.414, 0.31, 1.295, 1.647, 1.330, 1000)));
        String mixedMd = MarkdownReport.render(new RunSummary(s.jobName(), s.task(), s.runId(), s.labels(),
                s.hyperparameters(), s.inputCounts(), s.quarantinedCounts(), s.splitOverlap(), s.teacherCallsMade(),
                s.syntheticRows(), s.teacherAccounting(), s.stageSeconds(), s.details(), s.provenance(), s.training(),
                mixed), ReportFixture.models(), ReportFixture.comparison(), ReportFixture.firstRun());
        assertTrue(mixedMd.contains("The baseline trained first, in every family and class weighting (fasttext none "
                + "0.412, cnn balanced 0.457), and the best on validation, **cnn balanced**, was mixed into the soft "
                + "labels every candidate learnt (search.mix_in_baseline): the teacher's share of the mix 0.31 (its "
                + "logits x 0.250, the baseline's log-probabilities x 1.41), validation log-loss 1.295 against 1.647 "
                + "for the teacher alone and 1.330 for the baseline alone."), mixedMd);
        assertFalse(mixedMd.contains("The baseline has the winner's architecture"), mixedMd);

        assertFalse(MarkdownReport.render(s, ReportFixture.models(), ReportFixture.comparison(),
                ReportFixture.firstRun()).contains("Automatic recipe"), "no section without a search");
        assertFalse(HtmlReport.render(s, ReportFixture.models(), ReportFixture.comparison(),
                ReportFixture.firstRun()).contains("Automatic recipe"), "nor in report.html");
    }

    @Test
    void whenAFasterFamilyWinsOnANearTieTheReportNamesTheBestScoreAndTheMargin() {
        List<Candidate> grid = CandidateSpace.grid(new RecipeSearchConfig(true, null, null, null, null, null, null,
                null, null, null, null, null), List.of(0));
        RecipeSearchRecord search = BracketedSearch.run(SearchSetup.of(grid, 3, 12, 2, 4, 3, 0.02),
                (rung, candidates) -> {
                    Map<Candidate, CandidateProgress> out = new LinkedHashMap<>();
                    for (Candidate c : candidates) {
                        double f1 = c.architecture() == StudentArchitecture.BILSTM ? 0.71 : 0.70;
                        out.put(c, new CandidateProgress(rung.epochs(), rung.epochs(), false, f1, 0.8, f1));
                    }
                    return out;
                }, line -> { });
        StringBuilder section = new StringBuilder();
        AutomaticRecipeSection.append(section, search);
        String md = section.toString();
        assertTrue(md.contains("The best ranked score was " + search.bestScoring() + "'s (0.710), a slower "
                + "family than fasttext: each step up the speed order (fasttext, cnn, bilstm) must win by 0.02 "
                + "(search.prefer_faster_within)."), md);
        assertTrue(md.contains("| best score, slower family |"), md);
    }
}
