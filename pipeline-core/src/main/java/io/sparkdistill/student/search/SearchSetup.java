package io.sparkdistill.student.search;

import io.sparkdistill.config.ConfigException;
import io.sparkdistill.config.ConfigProblem;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.config.RecipeSearchConfig;
import io.sparkdistill.config.StudentArchitecture;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a job's {@code search:} section asks for, worked out before any training: the grid, the order the search
 * draws it in, and the first bracket's plan that fits the budget. The config loader checks it with {@link #problems}
 * so that a search the budget cannot hold is refused before the teacher is called; the train stage then runs the
 * same setup.
 *
 * @param grid               every candidate the lists make
 * @param order              the grid in the seeded order brackets draw their candidates in
 *                           ({@link CandidateSpace#order})
 * @param plan               the first bracket's successive-halving plan within the budget
 * @param budgetEpochs       epochs all brackets may spend ({@code search.budget_epochs})
 * @param firstRungEpochs    the first bracket's first rung ({@code search.first_rung_epochs})
 * @param maxEpochs          the most a candidate trains ({@code hyperparameters.num_epochs})
 * @param halving            {@code search.halving}
 * @param preferFasterWithin {@code search.prefer_faster_within}
 */
public record SearchSetup(List<Candidate> grid, List<Candidate> order, HalvingPlan plan, int budgetEpochs,
                          int firstRungEpochs, int maxEpochs, int halving, double preferFasterWithin) {

    public SearchSetup {
        grid = List.copyOf(grid);
        order = List.copyOf(order);
    }

    /** The setup of {@code config}'s search; throws, naming the key, what {@link #problems} reports. */
    public static SearchSetup of(JobConfig config) {
        List<ConfigProblem> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new ConfigException("the automatic recipe cannot run: " + problems.get(0));
        }
        RecipeSearchConfig s = config.search();
        return of(grid(config), config.hyperparameters().seed(), s.budgetEpochs(), s.firstRungEpochs(),
                config.hyperparameters().numEpochs(), s.halving(), s.preferFasterWithin());
    }

    /** The setup of a search over {@code grid}, drawn in the order {@code seed} gives; the budget must hold two. */
    public static SearchSetup of(List<Candidate> grid, long seed, int budgetEpochs, int firstRungEpochs,
                                 int maxEpochs, int halving, double preferFasterWithin) {
        HalvingPlan plan = HalvingPlan.fitting(grid.size(), budgetEpochs, firstRungEpochs, maxEpochs, halving)
                .orElseThrow(() -> new IllegalArgumentException("a budget of " + budgetEpochs + " epochs holds no "
                        + "search of two candidates"));
        return new SearchSetup(grid, CandidateSpace.order(grid, seed), plan, budgetEpochs, firstRungEpochs,
                maxEpochs, halving, preferFasterWithin);
    }

    /** The {@code n} candidates from place {@code from} of {@link #order}, in grid order: one bracket's. */
    public List<Candidate> draw(int from, int n) {
        return order.subList(from, from + n).stream().sorted(Comparator.comparingInt(Candidate::index)).toList();
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

    /**
     * The distinct architectures any bracket may try: the vocabulary is counted once, before the search, if any of
     * them needs it.
     */
    public List<StudentArchitecture> architectures() {
        return grid.stream().map(Candidate::architecture).distinct().toList();
    }
}
