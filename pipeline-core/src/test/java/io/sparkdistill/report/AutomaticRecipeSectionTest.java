package io.sparkdistill.report;

import io.sparkdistill.config.RecipeSearchConfig;
import io.sparkdistill.student.search.Candidate;
import io.sparkdistill.student.search.CandidateProgress;
import io.sparkdistill.student.search.CandidateSpace;
import io.sparkdistill.student.search.HalvingPlan;
import io.sparkdistill.student.search.RecipeSearchRecord;
import io.sparkdistill.student.search.SuccessiveHalving;
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
                null, null, null), List.of(0));
        List<Candidate> sample = CandidateSpace.sample(grid, 4, 7);
        HalvingPlan plan = HalvingPlan.of(4, 2, 6, 3);
        RecipeSearchRecord search = SuccessiveHalving.run(plan, sample, grid.size(), 20, (rung, candidates) -> {
            Map<Candidate, CandidateProgress> out = new LinkedHashMap<>();
            candidates.forEach(c -> out.put(c, new CandidateProgress(rung.epochs(), rung.epochs(), false,
                    0.5 + c.index() / 100.0, 0.8)));
            return out;
        }, line -> { });
        RunSummary s = ReportFixture.summary();
        RunSummary searched = new RunSummary(s.jobName(), s.task(), s.runId(), s.labels(), s.hyperparameters(),
                s.inputCounts(), s.quarantinedCounts(), s.splitOverlap(), s.teacherCallsMade(), s.syntheticRows(),
                s.teacherAccounting(), s.stageSeconds(), s.details(), s.provenance(), s.training(), search);

        String md = MarkdownReport.render(searched, ReportFixture.models(), ReportFixture.comparison(),
                ReportFixture.firstRun());

        Candidate winner = search.winnerRecord().candidate();
        assertTrue(md.contains("## Automatic recipe"), md);
        assertTrue(md.contains("among 4 candidates (a seeded sample of the " + grid.size() + " its lists make)"), md);
        assertTrue(md.contains("Winner: **" + winner.name() + "**"), md);
        assertTrue(md.contains("| " + winner.name() + " | " + winner.architecture().configName()), md);
        assertTrue(md.contains("| **winner** |"), md);
        assertTrue(md.contains("cut after rung 1"), md);
        for (Candidate c : sample) {
            assertTrue(md.contains("| " + c.name() + " |"), c.name());
        }
        assertFalse(MarkdownReport.render(s, ReportFixture.models(), ReportFixture.comparison(),
                ReportFixture.firstRun()).contains("Automatic recipe"), "no section without a search");
    }
}
