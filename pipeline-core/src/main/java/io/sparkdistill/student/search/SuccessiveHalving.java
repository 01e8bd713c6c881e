package io.sparkdistill.student.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a {@link HalvingPlan} over sampled candidates: each rung is trained, ranked and cut, and the best of the last
 * rung wins. Candidates rank by validation macro-F1 rather than accuracy: on imbalanced data a student can gain
 * accuracy by giving up a small class altogether, which macro-F1 (every class counts the same) punishes. Ties go to
 * the higher validation accuracy, then to the candidate first in the grid, so the same scores always pick the same
 * winner.
 */
public final class SuccessiveHalving {
    /** Best first: macro-F1, then accuracy, both higher is better with NaN last, then grid order. */
    static final Comparator<Map.Entry<Candidate, CandidateProgress>> RANKING = Comparator
            .<Map.Entry<Candidate, CandidateProgress>>comparingDouble(e -> orLowest(e.getValue().validationMacroF1()))
            .reversed()
            .thenComparing(Comparator.<Map.Entry<Candidate, CandidateProgress>>comparingDouble(
                    e -> orLowest(e.getValue().validationAccuracy())).reversed())
            .thenComparingInt(e -> e.getKey().index());

    private SuccessiveHalving() {
    }

    /**
     * Searches {@code sample} along {@code plan}; {@code progress} hears one line as each rung starts and ends.
     *
     * @param gridSize     candidates in the full grid, for the record
     * @param budgetEpochs the budget the plan was fitted to, for the record
     */
    public static RecipeSearchRecord run(HalvingPlan plan, List<Candidate> sample, int gridSize, int budgetEpochs,
                                         RungTrainer trainer, Consumer<String> progress) {
        if (sample.size() != plan.candidates()) {
            throw new IllegalArgumentException("the plan is for " + plan.candidates() + " candidates, the sample has "
                    + sample.size());
        }
        Map<Candidate, List<CandidateProgress>> history = new LinkedHashMap<>();
        sample.forEach(c -> history.put(c, new ArrayList<>()));
        Map<Candidate, Integer> eliminated = new LinkedHashMap<>();
        List<Candidate> alive = List.copyOf(sample);
        List<Map.Entry<Candidate, CandidateProgress>> ranked = List.of();
        for (HalvingPlan.Rung rung : plan.rungs()) {
            int before = rung.number() == 0 ? 0 : plan.rungs().get(rung.number() - 1).epochs();
            int more = rung.epochs() - before;
            progress.accept(String.format(Locale.ROOT, "rung %d/%d: %d candidate%s x %d epoch%s (to %d in all)",
                    rung.number() + 1, plan.rungs().size(), alive.size(), alive.size() == 1 ? "" : "s", more,
                    more == 1 ? "" : "s", rung.epochs()));
            Map<Candidate, CandidateProgress> results = trainer.train(rung, alive);
            for (Candidate c : alive) {
                CandidateProgress p = results.get(c);
                if (p == null) {
                    throw new IllegalStateException("rung " + rung.number() + " returned no result for " + c.name());
                }
                history.get(c).add(p);
            }
            List<Candidate> trained = alive;
            ranked = results.entrySet().stream().filter(e -> trained.contains(e.getKey())).sorted(RANKING).toList();
            int keep = plan.survivors(rung.number());
            List<Candidate> next = new ArrayList<>();
            for (int i = 0; i < ranked.size(); i++) {
                if (i < keep || keep == 0) {
                    next.add(ranked.get(i).getKey());
                } else {
                    eliminated.put(ranked.get(i).getKey(), rung.number());
                }
            }
            Map.Entry<Candidate, CandidateProgress> best = ranked.get(0);
            progress.accept(String.format(Locale.ROOT, "rung %d/%d done: best %s, validation macro-F1 %.3f; %s",
                    rung.number() + 1, plan.rungs().size(), best.getKey().name(), best.getValue().validationMacroF1(),
                    keep == 0 ? "search over" : keep + " go on"));
            alive = List.copyOf(next);
        }
        int used = history.values().stream().mapToInt(h -> h.isEmpty() ? 0 : h.get(h.size() - 1).epochsTrained())
                .sum();
        List<RecipeSearchRecord.CandidateRecord> records = new ArrayList<>();
        history.forEach((c, h) -> records.add(new RecipeSearchRecord.CandidateRecord(c.name(), c, h,
                eliminated.get(c))));
        return new RecipeSearchRecord(RecipeSearchRecord.METRIC, budgetEpochs, used, gridSize, plan.rungs(), records,
                ranked.get(0).getKey().name());
    }

    private static double orLowest(double score) {
        return Double.isNaN(score) ? Double.NEGATIVE_INFINITY : score;
    }
}
