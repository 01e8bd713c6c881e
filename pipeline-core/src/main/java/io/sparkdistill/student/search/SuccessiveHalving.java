package io.sparkdistill.student.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs one bracket of the search, a {@link HalvingPlan} over its candidates: each rung is trained, ranked and cut,
 * and the last rung's candidates are the bracket's finalists. Candidates rank by validation macro-F1 rather than
 * accuracy: on imbalanced data a student can gain accuracy by giving up a small class altogether, which macro-F1
 * (every class counts the same) punishes; and by the kept epoch's score averaged with its neighbours'
 * ({@link CandidateProgress#rankedMacroF1}), since the maximum over noisy epochs favours luck. A slower family must
 * win by {@code preferFasterWithin} for each step up the speed order
 * ({@link io.sparkdistill.config.StudentArchitecture#costRank}): a small validation split's scores move by a few
 * points from run to run, while a slower family costs many times the time per example for good, so a hair of noise
 * must not buy it. Ties go to the kept epoch's macro-F1, then to the higher validation accuracy, then to the
 * candidate first in the grid, so the same scores always rank the same way.
 */
public final class SuccessiveHalving {

    /** A bracket's record and its candidates' paths. */
    public record BracketOutcome(RecipeSearchRecord.Bracket bracket,
                                 List<RecipeSearchRecord.CandidateRecord> candidates) {

        public BracketOutcome {
            candidates = List.copyOf(candidates);
        }

        /** The candidates of its last rung. */
        public List<RecipeSearchRecord.CandidateRecord> finalists() {
            return candidates.stream().filter(c -> c.eliminatedAtRung() == null).toList();
        }
    }

    private SuccessiveHalving() {
    }

    /**
     * Best first: the ranked macro-F1 (the kept epoch's and its neighbours') less {@code preferFasterWithin} per step
     * of the family's cost rank, then the kept epoch's macro-F1, then accuracy, all higher is better with NaN last,
     * then grid order. {@code candidate} and {@code progress} read them from whatever is ranked.
     */
    static <T> Comparator<T> ranking(Function<T, Candidate> candidate, Function<T, CandidateProgress> progress,
                                     double preferFasterWithin) {
        return Comparator.<T>comparingDouble(t -> orLowest(progress.apply(t).rankedMacroF1())
                        - preferFasterWithin * candidate.apply(t).architecture().costRank()).reversed()
                .thenComparing(Comparator.<T>comparingDouble(
                        t -> orLowest(progress.apply(t).validationMacroF1())).reversed())
                .thenComparing(Comparator.<T>comparingDouble(
                        t -> orLowest(progress.apply(t).validationAccuracy())).reversed())
                .thenComparingInt(t -> candidate.apply(t).index());
    }

    /** {@link #ranking} of the candidates' records by their last rung, as finalists are compared. */
    static Comparator<RecipeSearchRecord.CandidateRecord> recordRanking(double preferFasterWithin) {
        return ranking(RecipeSearchRecord.CandidateRecord::candidate, RecipeSearchRecord.CandidateRecord::last,
                preferFasterWithin);
    }

    /**
     * Runs bracket {@code number} along {@code plan} over {@code sample}, ranking with {@code preferFasterWithin};
     * {@code progress} hears one line as each rung starts and ends, and {@code trainer} is told of each candidate cut.
     */
    public static BracketOutcome run(int number, HalvingPlan plan, List<Candidate> sample, double preferFasterWithin,
                                     RungTrainer trainer, Consumer<String> progress) {
        if (sample.size() != plan.candidates()) {
            throw new IllegalArgumentException("the plan is for " + plan.candidates() + " candidates, the sample has "
                    + sample.size());
        }
        Comparator<Map.Entry<Candidate, CandidateProgress>> ranking = ranking(Map.Entry::getKey, Map.Entry::getValue,
                preferFasterWithin);
        Map<Candidate, List<CandidateProgress>> history = new LinkedHashMap<>();
        sample.forEach(c -> history.put(c, new ArrayList<>()));
        Map<Candidate, Integer> eliminated = new LinkedHashMap<>();
        List<Candidate> alive = List.copyOf(sample);
        String where = "bracket " + (number + 1) + ", rung %d/" + plan.rungs().size();
        for (HalvingPlan.Rung rung : plan.rungs()) {
            int before = rung.number() == 0 ? 0 : plan.rungs().get(rung.number() - 1).epochs();
            int more = rung.epochs() - before;
            progress.accept(String.format(Locale.ROOT, where + ": %d candidate%s x %d epoch%s (to %d in all)",
                    rung.number() + 1, alive.size(), alive.size() == 1 ? "" : "s", more, more == 1 ? "" : "s",
                    rung.epochs()));
            Map<Candidate, CandidateProgress> results = trainer.train(rung, alive);
            List<Map.Entry<Candidate, CandidateProgress>> ranked = new ArrayList<>();
            for (Candidate c : alive) {
                CandidateProgress p = results.get(c);
                if (p == null) {
                    throw new IllegalStateException("rung " + rung.number() + " returned no result for " + c.name());
                }
                // The plan's epochs are what the budget was checked against: a trainer going beyond would break it.
                if (p.epochsTrained() > rung.epochs()) {
                    throw new IllegalStateException(c.name() + " trained " + p.epochsTrained() + " epochs, beyond "
                            + "its rung's " + rung.epochs());
                }
                history.get(c).add(p);
                ranked.add(Map.entry(c, p));
            }
            ranked.sort(ranking);
            int keep = plan.survivors(rung.number());
            List<Candidate> next = new ArrayList<>();
            for (int i = 0; i < ranked.size(); i++) {
                Candidate c = ranked.get(i).getKey();
                if (i < keep || keep == 0) {
                    next.add(c);
                } else {
                    eliminated.put(c, rung.number());
                    trainer.release(c);
                }
            }
            Map.Entry<Candidate, CandidateProgress> best = ranked.get(0);
            progress.accept(String.format(Locale.ROOT, where + " done: best %s, validation macro-F1 %.3f (ranked "
                            + "%.3f); %s", rung.number() + 1, best.getKey().name(),
                    best.getValue().validationMacroF1(), best.getValue().rankedMacroF1(),
                    keep == 0 ? "bracket over" : keep + " go on"));
            alive = List.copyOf(next);
        }
        List<RecipeSearchRecord.CandidateRecord> records = new ArrayList<>();
        history.forEach((c, h) -> records.add(new RecipeSearchRecord.CandidateRecord(c.name(), c, number, h,
                eliminated.get(c))));
        int used = records.stream().mapToInt(r -> r.last().epochsTrained()).sum();
        String best = records.stream().filter(r -> r.eliminatedAtRung() == null)
                .min(recordRanking(preferFasterWithin))
                .orElseThrow().name();
        return new BracketOutcome(new RecipeSearchRecord.Bracket(number, plan.rungs(), plan.epochs(), used, best),
                records);
    }

    private static double orLowest(double score) {
        return Double.isNaN(score) ? Double.NEGATIVE_INFINITY : score;
    }
}
