package io.sparkdistill.student.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A successive-halving schedule (Jamieson and Talwalkar 2016): rung 0 trains every sampled candidate for a few
 * epochs, each later rung keeps the best {@code 1/halving} of the one before and trains those on to {@code halving}
 * times the epochs, up to a cap; a lone survivor trains straight to the cap. Survivors go on from where they were,
 * so a rung costs only its new epochs. The plan's {@link #epochs()} is what the search may spend at most (a candidate
 * that early stopping ends spends less).
 *
 * @param rungs the rungs in order; each one's epochs are the total a candidate in it has trained by its end
 */
public record HalvingPlan(List<Rung> rungs) {

    /** One rung: how many candidates train, and to how many epochs in all. */
    public record Rung(int number, int candidates, int epochs) {
    }

    public HalvingPlan {
        rungs = List.copyOf(rungs);
    }

    /** The plan for {@code candidates} candidates: first rung at {@code firstEpochs}, none beyond {@code maxEpochs}. */
    public static HalvingPlan of(int candidates, int firstEpochs, int maxEpochs, int halving) {
        if (candidates < 1 || firstEpochs < 1 || maxEpochs < 1 || halving < 2) {
            throw new IllegalArgumentException("a plan needs candidates, epochs >= 1 and halving >= 2; got "
                    + candidates + ", " + firstEpochs + ", " + maxEpochs + ", " + halving);
        }
        List<Rung> rungs = new ArrayList<>();
        int n = candidates;
        int epochs = n == 1 ? maxEpochs : Math.min(firstEpochs, maxEpochs);
        while (true) {
            rungs.add(new Rung(rungs.size(), n, epochs));
            if (epochs >= maxEpochs) {
                return new HalvingPlan(rungs);
            }
            n = Math.max(1, n / halving);
            epochs = n == 1 ? maxEpochs : (int) Math.min((long) epochs * halving, maxEpochs);
        }
    }

    /**
     * The plan that tries the most candidates of a grid of {@code gridSize} within {@code budget} epochs, or empty
     * when not even two fit (a search of one candidate chooses nothing). A smaller sample is taken rather than fewer
     * first-rung epochs, since a shorter first rung would cut on noise.
     */
    public static Optional<HalvingPlan> fitting(int gridSize, int budget, int firstEpochs, int maxEpochs,
                                                int halving) {
        for (int n = gridSize; n >= 2; n--) {
            HalvingPlan plan = of(n, firstEpochs, maxEpochs, halving);
            if (plan.epochs() <= budget) {
                return Optional.of(plan);
            }
        }
        return Optional.empty();
    }

    /**
     * The plan of a later bracket (Hyperband, Li et al. 2018), run on what the brackets before left unspent: bracket
     * {@code b} judges its candidates first after {@code firstEpochs x halving^b} epochs (at most {@code maxEpochs}
     * and {@code budgetLeft}), since a search that has already cut on short rungs gains most from candidates judged on
     * longer ones. It takes as many of the {@code untried} candidates as {@code budgetLeft} holds, then trains its
     * survivors as far towards {@code maxEpochs} as is left; empty when {@code budgetLeft} is under
     * {@code firstEpochs} or nothing is left to try. The plan's {@link #epochs()} never exceed {@code budgetLeft}.
     */
    public static Optional<HalvingPlan> nextBracket(int bracket, int untried, int budgetLeft, int firstEpochs,
                                                    int maxEpochs, int halving) {
        long judgedAfter = firstEpochs;
        for (int b = 0; b < bracket && judgedAfter < maxEpochs; b++) {
            judgedAfter *= halving;
        }
        int first = (int) Math.min(judgedAfter, Math.min(maxEpochs, budgetLeft));
        if (untried < 1 || first < firstEpochs) {
            return Optional.empty();
        }
        for (int n = Math.min(untried, budgetLeft / first); n >= 1; n--) {
            // A plan's epochs grow with its cap: if the cap at the first rung does not fit, no cap does.
            if (of(n, first, first, halving).epochs() > budgetLeft) {
                continue;
            }
            for (int cap = maxEpochs; cap >= first; cap--) {
                HalvingPlan plan = of(n, first, cap, halving);
                if (plan.epochs() <= budgetLeft) {
                    return Optional.of(plan);
                }
            }
        }
        throw new IllegalStateException("one candidate for " + first + " epochs fits in " + budgetLeft);
    }

    /** The smallest budget a search of two candidates needs: what to tell a user whose budget is too small. */
    public static int minimumBudget(int firstEpochs, int maxEpochs, int halving) {
        return of(2, firstEpochs, maxEpochs, halving).epochs();
    }

    /** Candidates sampled: those of the first rung. */
    public int candidates() {
        return rungs.get(0).candidates();
    }

    /** The most epochs the plan trains, summed over candidates: each rung's candidates times its new epochs. */
    public int epochs() {
        int total = 0;
        int before = 0;
        for (Rung rung : rungs) {
            total += rung.candidates() * (rung.epochs() - before);
            before = rung.epochs();
        }
        return total;
    }

    /** How many candidates of rung {@code number} go on to the next rung (0 after the last). */
    public int survivors(int number) {
        return number + 1 < rungs.size() ? rungs.get(number + 1).candidates() : 0;
    }
}
