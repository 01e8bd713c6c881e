package io.sparkdistill.student.summary;

import io.sparkdistill.evaluate.text.RougeScorer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Learns which clauses {@link ClauseCompressor} may drop, from the training examples: for every candidate clause of
 * every sentence the oracle quotes, whether leaving it out raises the oracle extract's ROUGE against the target
 * ({@code clause:<key>:drop}) or not ({@code clause:<key>:keep}). Counted per example by the family's
 * {@code countedKeys}, so the decision is the training split's, whatever its language and conventions.
 */
final class ClauseStatistics {
    static final String PREFIX = "clause:";
    static final String DROP = ":drop";
    static final String KEEP = ":keep";
    /** Observations a clause needs before it may be dropped: fewer say too little. */
    static final int MIN_SUPPORT = 10;
    /** Share of its observations in which dropping a clause must have helped. */
    static final double MIN_DROP_SHARE = 0.7;

    private ClauseStatistics() {
    }

    /** One key per candidate clause of the oracle's sentences, saying whether dropping it helped. */
    static List<String> observations(List<String> sentences, float[] gains, String target) {
        List<String> chosen = OracleGains.chosen(sentences, gains);
        List<String> keys = new ArrayList<>();
        double whole = meanF(target, chosen);
        for (int c = 0; c < chosen.size(); c++) {
            for (ClauseCompressor.Clause clause : ClauseCompressor.clauses(chosen.get(c))) {
                List<String> shorter = new ArrayList<>(chosen);
                shorter.set(c, ClauseCompressor.without(chosen.get(c), clause));
                keys.add(PREFIX + clause.key() + (meanF(target, shorter) > whole ? DROP : KEEP));
            }
        }
        return keys;
    }

    /** The clauses that were seen often enough and that dropping mostly helped, sorted. */
    static Set<String> droppable(Map<String, Long> counts) {
        Set<String> droppable = new TreeSet<>();
        counts.forEach((key, drops) -> {
            if (key.startsWith(PREFIX) && key.endsWith(DROP)) {
                String clause = key.substring(PREFIX.length(), key.length() - DROP.length());
                long total = drops + counts.getOrDefault(PREFIX + clause + KEEP, 0L);
                if (total >= MIN_SUPPORT && drops >= MIN_DROP_SHARE * total) {
                    droppable.add(clause);
                }
            }
        });
        return droppable;
    }

    private static double meanF(String target, List<String> extract) {
        RougeScorer.ExampleScores s = RougeScorer.score(target, String.join(" ", extract));
        return (s.rouge1().fmeasure() + s.rouge2().fmeasure() + s.rougeL().fmeasure()) / 3;
    }
}
