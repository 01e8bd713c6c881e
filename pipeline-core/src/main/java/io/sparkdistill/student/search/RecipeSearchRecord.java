package io.sparkdistill.student.search;

import java.util.List;

/**
 * What the automatic recipe did, for {@code train-summary.json} and the report: the budget given and spent, the
 * plan, every candidate's scores rung by rung and where it was cut, and the winner.
 *
 * @param metric       the validation score candidates are ranked by
 * @param budgetEpochs the budget given ({@code search.budget_epochs})
 * @param epochsUsed   epochs trained over every candidate
 * @param gridSize     candidates the config's lists make; more than {@code candidates} when a sample was taken
 * @param plan         the rungs as planned
 * @param candidates   the sampled candidates, in grid order
 * @param winner       the winner's name
 */
public record RecipeSearchRecord(String metric, int budgetEpochs, int epochsUsed, int gridSize,
                                 List<HalvingPlan.Rung> plan, List<CandidateRecord> candidates, String winner) {

    /** The score {@link #metric()} names. */
    public static final String METRIC = "validation_macro_f1";

    public RecipeSearchRecord {
        plan = List.copyOf(plan);
        candidates = List.copyOf(candidates);
    }

    /**
     * One candidate's path through the search.
     *
     * @param name             readable settings, unique in the search
     * @param candidate        its settings
     * @param rungs            its progress at the end of each rung it was in
     * @param eliminatedAtRung the last rung it trained in when it was cut there, or null for the finalists
     */
    public record CandidateRecord(String name, Candidate candidate, List<CandidateProgress> rungs,
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
        return candidates.stream().filter(c -> c.name().equals(winner)).findFirst().orElseThrow();
    }
}
