package io.sparkdistill.student.search;

import java.util.List;
import java.util.Map;

/**
 * Trains the candidates of one rung on to the rung's epochs, each from where it stopped before: the one piece of the
 * search that needs the cluster, so the search itself runs (and is tested) without it.
 */
@FunctionalInterface
public interface RungTrainer {

    /** Every candidate's progress once it has trained {@code rung.epochs()} epochs in all (or stopped early). */
    Map<Candidate, CandidateProgress> train(HalvingPlan.Rung rung, List<Candidate> candidates);

    /**
     * The search will neither train nor choose {@code candidate} again: its training may go. Only the winner's is
     * asked for at the end, and holding every finalist's network over many brackets would grow with the budget.
     */
    default void release(Candidate candidate) {
    }
}
