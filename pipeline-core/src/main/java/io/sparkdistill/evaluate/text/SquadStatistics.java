package io.sparkdistill.evaluate.text;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The qa task's metrics, SQuAD exact match and F1, as mergeable statistics: the per-example best-reference scores
 * summed exactly, and the count ({@link SquadMetrics#score} uses this class).
 */
public final class SquadStatistics implements TextMetricStatistics {
    private static final long serialVersionUID = 1L;

    private final ExactSum exactMatch = new ExactSum();
    private final ExactSum f1 = new ExactSum();
    private long count;

    @Override
    public SquadStatistics add(String prediction, List<String> references) {
        exactMatch.add(SquadMetrics.maxExactMatch(prediction, references));
        f1.add(SquadMetrics.maxF1(prediction, references));
        count++;
        return this;
    }

    @Override
    public SquadStatistics merge(TextMetricStatistics other) {
        SquadStatistics o = (SquadStatistics) other;
        exactMatch.add(o.exactMatch);
        f1.add(o.f1);
        count += o.count;
        return this;
    }

    @Override
    public long count() {
        return count;
    }

    /** The script's corpus scores, 0-100. */
    public SquadMetrics.Scores scores() {
        TextMetricsChecks.notEmpty(count);
        return new SquadMetrics.Scores(100.0 * exactMatch.value() / count, 100.0 * f1.value() / count,
                Math.toIntExact(count));
    }

    @Override
    public Map<String, Double> metrics() {
        SquadMetrics.Scores s = scores();
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("exact_match", s.exactMatch());
        out.put("f1", s.f1());
        return out;
    }
}
