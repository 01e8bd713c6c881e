package io.sparkdistill.student.search;

import io.sparkdistill.config.ConfigException;
import io.sparkdistill.config.ConfigProblem;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.config.RecipeSearchConfig;
import io.sparkdistill.config.StudentArchitecture;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a job's {@code search:} section asks for, worked out before any training: the grid, the plan that fits the
 * budget, and the candidates sampled for it. The config loader checks it with {@link #problems} so that a search the
 * budget cannot hold is refused before the teacher is called; the train stage then runs the same setup.
 *
 * @param grid   every candidate the lists make
 * @param plan   the successive-halving plan within the budget
 * @param sample the candidates the plan trains (the whole grid when it fits)
 */
public record SearchSetup(List<Candidate> grid, HalvingPlan plan, List<Candidate> sample) {

    /** The setup of {@code config}'s search; throws, naming the key, what {@link #problems} reports. */
    public static SearchSetup of(JobConfig config) {
        List<ConfigProblem> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new ConfigException("the automatic recipe cannot run: " + problems.get(0));
        }
        List<Candidate> grid = grid(config);
        HalvingPlan plan = fit(config, grid.size()).orElseThrow();
        return new SearchSetup(grid, plan, CandidateSpace.sample(grid, plan.candidates(),
                config.hyperparameters().seed()));
    }

    /**
     * Every problem of an enabled search in a label job: copies that were not generated, no validation split to
     * judge by, a budget too small for two candidates.
     */
    public static List<ConfigProblem> problems(JobConfig c) {
        List<ConfigProblem> problems = new ArrayList<>();
        RecipeSearchConfig search = c.search();
        if (!search.enabled() || c.data() == null) {
            return problems;
        }
        // student.architecture, hyperparameters.temperature, alpha and class_weighting are not refused: the shipped
        // configs write them, and `--set search.enabled=true` should work on them; the search's lists replace them
        // and the train stage says so in its log.
        if (c.data().validation() == null) {
            problems.add(new ConfigProblem("data.validation", null, "a validation split with search.enabled: "
                    + "candidates are ranked by their validation scores"));
        }
        int generated = c.data().augmentation().copies();
        List<Integer> copies = search.augmentationCopiesFor(c.data().augmentation());
        if (copies.stream().anyMatch(n -> n != null && n > generated)) {
            problems.add(new ConfigProblem("search.augmentation_copies", copies, "at most data.augmentation.copies ("
                    + generated + ") copies: the search learns from the generated copies, it makes none"));
        }
        int maxEpochs = c.hyperparameters().numEpochs();
        if (search.firstRungEpochs() > maxEpochs) {
            problems.add(new ConfigProblem("search.first_rung_epochs", search.firstRungEpochs(),
                    "at most hyperparameters.num_epochs (" + maxEpochs + "), the epochs no candidate goes beyond"));
        }
        if (!problems.isEmpty() || search.firstRungEpochs() < 1 || search.halving() < 2 || maxEpochs < 1) {
            return problems;
        }
        int gridSize = grid(c).size();
        if (gridSize < 2) {
            problems.add(new ConfigProblem("search", "one candidate", "lists that make at least two candidates "
                    + "(architectures x temperatures x alphas x class_weightings x augmentation_copies)"));
        } else if (fit(c, gridSize).isEmpty()) {
            problems.add(new ConfigProblem("search.budget_epochs", search.budgetEpochs(), "at least "
                    + HalvingPlan.minimumBudget(search.firstRungEpochs(), maxEpochs, search.halving())
                    + ": two candidates for search.first_rung_epochs (" + search.firstRungEpochs() + ") each, "
                    + "then the better one on to hyperparameters.num_epochs (" + maxEpochs + ")"));
        }
        return problems;
    }

    private static List<Candidate> grid(JobConfig c) {
        return CandidateSpace.grid(c.search(), c.search().augmentationCopiesFor(c.data().augmentation()));
    }

    private static Optional<HalvingPlan> fit(JobConfig c, int gridSize) {
        RecipeSearchConfig s = c.search();
        return HalvingPlan.fitting(gridSize, s.budgetEpochs(), s.firstRungEpochs(),
                c.hyperparameters().numEpochs(), s.halving());
    }

    /** The distinct architectures sampled: the vocabulary is counted once if any of them needs it. */
    public List<StudentArchitecture> architectures() {
        return sample.stream().map(Candidate::architecture).distinct().toList();
    }
}
