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
