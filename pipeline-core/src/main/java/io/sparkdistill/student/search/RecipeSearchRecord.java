package io.sparkdistill.student.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sparkdistill.student.SoftLabelMix;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the automatic recipe did, for {@code train-summary.json} and the report: the budget given and spent, each
 * bracket's plan and spending, every candidate's scores rung by rung and where it was cut, the best-scoring finalist
 * and the winner (the fastest family within {@code preferFasterWithin} of it).
 *
 * @param metric             the validation score candidates are ranked by
 * @param budgetEpochs       the budget given ({@code search.budget_epochs})
 * @param epochsUsed         epochs trained over every candidate of every bracket
 * @param gridSize           candidates the config's lists make; more than {@code candidates} when not all were tried
 * @param preferFasterWithin the margin within which a faster family wins ({@code search.prefer_faster_within})
 * @param brackets           the brackets in the order they ran
 * @param candidates         the candidates tried, bracket by bracket, each bracket's in grid order
 * @param bestScoring        the finalist with the best validation score
 * @param winner             the winner's name: {@code bestScoring}, or a faster family's finalist within the margin
 * @param softLabels         what the candidates learnt when the baseline was mixed in ({@code search.mix_in_baseline}),
 *                           else null: the teacher's soft labels alone
 */
public record RecipeSearchRecord(String metric, int budgetEpochs, int epochsUsed, int gridSize,
                                 double preferFasterWithin, List<Bracket> brackets, List<CandidateRecord> candidates,
                                 String bestScoring, String winner,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) SoftLabels softLabels) {

    /** The score {@link #metric()} names. */
    public static final String METRIC = "validation_macro_f1";

    public RecipeSearchRecord {
        brackets = List.copyOf(brackets);
        candidates = List.copyOf(candidates);
    }

    /** A search whose candidates learnt the teacher's soft labels alone. */
    public RecipeSearchRecord(String metric, int budgetEpochs, int epochsUsed, int gridSize, double preferFasterWithin,
                              List<Bracket> brackets, List<CandidateRecord> candidates, String bestScoring,
                              String winner) {
        this(metric, budgetEpochs, epochsUsed, gridSize, preferFasterWithin, brackets, candidates, bestScoring, winner,
                null);
    }

    /** This search, its candidates having learnt {@code softLabels}. */
    public RecipeSearchRecord withSoftLabels(SoftLabels softLabels) {
        return new RecipeSearchRecord(metric, budgetEpochs, epochsUsed, gridSize, preferFasterWithin, brackets,
                candidates, bestScoring, winner, softLabels);
    }

    /**
     * The soft labels of a search with the baseline mixed in.
     *
     * @param baselines every baseline trained, by family and class weighting, with its best validation macro-F1
     * @param baseline  the one kept and mixed in: the best of them
     * @param mix       how its answers and the teacher's were mixed
     */
    public record SoftLabels(Map<String, Double> baselines, String baseline, SoftLabelMix mix) {

        public SoftLabels {
            baselines = Collections.unmodifiableMap(new LinkedHashMap<>(baselines));
        }
    }

    /**
     * One bracket: a successive-halving run over candidates no bracket before tried.
     *
     * @param number        0 for the first
     * @param plan          its rungs as planned
     * @param epochsPlanned the most its plan could spend, within what the brackets before left of the budget
     * @param epochsUsed    what its candidates trained (less than planned when early stopping ended them)
     * @param best          its best-scoring finalist
     */
    public record Bracket(int number, List<HalvingPlan.Rung> plan, int epochsPlanned, int epochsUsed, String best) {

        public Bracket {
            plan = List.copyOf(plan);
        }
    }

    /**
     * One candidate's path through the search.
     *
     * @param name             readable settings, unique in the search
     * @param candidate        its settings
     * @param bracket          the bracket it was tried in
     * @param rungs            its progress at the end of each rung it was in
     * @param eliminatedAtRung the last rung it trained in when it was cut there, or null for its bracket's finalists
     */
    public record CandidateRecord(String name, Candidate candidate, int bracket, List<CandidateProgress> rungs,
                                  Integer eliminatedAtRung) {

        public CandidateRecord {
            rungs = List.copyOf(rungs);
        }

        /** Its standing at the end of the last rung it trained in. */
        public CandidateProgress last() {
            return rungs.get(rungs.size() - 1);
        }
    }

    /** The winner's record. */
    public CandidateRecord winnerRecord() {
        return named(winner);
    }

    /** The best-scoring finalist's record (the winner's unless a faster family won within the margin). */
    public CandidateRecord bestScoringRecord() {
        return named(bestScoring);
    }

    private CandidateRecord named(String name) {
        return candidates.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
}
