package io.sparkdistill.student.search;

import io.sparkdistill.config.ClassWeighting;
import io.sparkdistill.config.StudentArchitecture;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CandidateProgressTest {

    @Test
    void theRankedScoreIsTheKeptEpochsMacroF1AveragedWithTheEpochsEitherSideThatWereTrained() {
        CandidateProgress middle = CandidateProgress.of(List.of(0.5, 0.7, 0.6, 0.4), 2, true, 0.8);
        assertEquals(0.7, middle.validationMacroF1());
        assertEquals((0.5 + 0.7 + 0.6) / 3, middle.rankedMacroF1(), 1e-12);
        assertEquals(4, middle.epochsTrained());
        assertEquals((0.5 + 0.7) / 2, CandidateProgress.of(List.of(0.5, 0.7), 2, false, 0.8).rankedMacroF1(), 1e-12,
                "the last epoch kept: no later one yet");
        assertEquals((0.7 + 0.6) / 2, CandidateProgress.of(List.of(0.7, 0.6), 1, false, 0.8).rankedMacroF1(), 1e-12);
        assertEquals(0.7, CandidateProgress.of(List.of(0.7), 1, false, 0.8).rankedMacroF1(), 1e-12);
    }

    @Test
    void aPlateauOutranksALoneSpikeThatPeaksHigher() {
        Candidate spiky = new Candidate(0, StudentArchitecture.CNN, 2.0, 0.3, ClassWeighting.NONE, 0);
        Candidate steady = new Candidate(1, StudentArchitecture.CNN, 4.0, 0.3, ClassWeighting.NONE, 0);
        CandidateProgress spike = CandidateProgress.of(List.of(0.40, 0.66, 0.42), 2, false, 0.8);
        CandidateProgress plateau = CandidateProgress.of(List.of(0.60, 0.63, 0.62), 2, false, 0.8);
        Comparator<Map.Entry<Candidate, CandidateProgress>> ranking = SuccessiveHalving.ranking(Map.Entry::getKey,
                Map.Entry::getValue, 0.0);
        assertTrue(spike.validationMacroF1() > plateau.validationMacroF1());
        assertEquals(steady, List.of(Map.entry(spiky, spike), Map.entry(steady, plateau)).stream().min(ranking)
                .orElseThrow().getKey());
    }
}
