package io.sparkdistill.student.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The automatic recipe's whole search: brackets of successive halving until the budget is spent or every candidate
 * has been tried, then the best of all brackets' finalists wins, ranked as within a bracket (a slower family must
 * win by {@code preferFasterWithin} per step up the speed order). A bracket's plan reserves
 * {@code hyperparameters.num_epochs} for its last survivor, which early stopping usually ends long before: the
 * epochs it leaves go to a further bracket of untried candidates ({@link HalvingPlan#nextBracket}) instead of being
 * lost. Each bracket's plan fits what the ones before left, and no candidate trains beyond its rung, so the budget is
 * never exceeded.
 */
public final class BracketedSearch {

    private BracketedSearch() {
    }

    /** Searches along {@code setup}; {@code progress} hears one line as each bracket and rung starts and ends. */
    public static RecipeSearchRecord run(SearchSetup setup, RungTrainer trainer, Consumer<String> progress) {
        Comparator<RecipeSearchRecord.CandidateRecord> ranking =
                SuccessiveHalving.recordRanking(setup.preferFasterWithin());
        List<RecipeSearchRecord.Bracket> brackets = new ArrayList<>();
        List<RecipeSearchRecord.CandidateRecord> candidates = new ArrayList<>();
        RecipeSearchRecord.CandidateRecord winner = null;
        int drawn = 0;
        int left = setup.budgetEpochs();
        Optional<HalvingPlan> plan = Optional.of(setup.plan());
        while (plan.isPresent()) {
            HalvingPlan p = plan.get();
            int number = brackets.size();
            progress.accept(String.format(Locale.ROOT, "bracket %d: %d of the %d untried candidates, at most %d of "
                            + "the %d epochs left", number + 1, p.candidates(), setup.order().size() - drawn,
                    p.epochs(), left));
            SuccessiveHalving.BracketOutcome outcome = SuccessiveHalving.run(number, p,
                    setup.draw(drawn, p.candidates()), setup.preferFasterWithin(), trainer, progress);
            drawn += p.candidates();
            left -= outcome.bracket().epochsUsed();
            brackets.add(outcome.bracket());
            candidates.addAll(outcome.candidates());
            // Only the best finalist so far can still win: the others' networks may go.
            for (RecipeSearchRecord.CandidateRecord f : outcome.finalists()) {
                if (winner == null || ranking.compare(f, winner) < 0) {
                    if (winner != null) {
                        trainer.release(winner.candidate());
                    }
                    winner = f;
                } else {
                    trainer.release(f.candidate());
                }
            }
            plan = HalvingPlan.nextBracket(number + 1, setup.order().size() - drawn, left, setup.firstRungEpochs(),
                    setup.maxEpochs(), setup.halving());
        }
        RecipeSearchRecord.CandidateRecord best = candidates.stream().min(SuccessiveHalving.recordRanking(0))
                .orElseThrow();
        progress.accept(String.format(Locale.ROOT, "%d bracket%s, %d of %d candidates tried, %d of %d epochs used; "
                        + "winner %s (ranked %.3f)%s", brackets.size(), brackets.size() == 1 ? "" : "s",
                candidates.size(), setup.grid().size(), setup.budgetEpochs() - left, setup.budgetEpochs(),
                winner.name(), winner.last().rankedMacroF1(), best == winner ? "" : String.format(Locale.ROOT,
                        "; the best ranked score was %s's (%.3f), a slower family by less than %s a step",
                        best.name(), best.last().rankedMacroF1(), setup.preferFasterWithin())));
        return new RecipeSearchRecord(RecipeSearchRecord.METRIC, setup.budgetEpochs(), setup.budgetEpochs() - left,
                setup.grid().size(), setup.preferFasterWithin(), brackets, candidates, best.name(), winner.name());
    }
}
