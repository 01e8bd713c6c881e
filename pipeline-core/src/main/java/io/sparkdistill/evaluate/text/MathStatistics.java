package io.sparkdistill.evaluate.text;

import java.util.List;
import java.util.Map;

/**
 * The math task's metric, exact match of final numeric answers, as mergeable statistics: matches and examples
 * ({@link MathAnswer#exactMatch(List, List)} uses this class).
 */
public final class MathStatistics implements TextMetricStatistics {
    private static final long serialVersionUID = 1L;

    private long matches;
    private long count;

    @Override
    public MathStatistics add(String prediction, List<String> references) {
        matches += (long) MathAnswer.exactMatch(prediction, references);
        count++;
        return this;
    }

    @Override
    public MathStatistics merge(TextMetricStatistics other) {
        MathStatistics o = (MathStatistics) other;
        matches += o.matches;
        count += o.count;
        return this;
    }

    @Override
    public long count() {
        return count;
    }

    /** Exact match on the 0-100 scale. */
    public double exactMatch() {
        TextMetricsChecks.notEmpty(count);
        return 100.0 * matches / count;
    }

    @Override
    public Map<String, Double> metrics() {
        return Map.of("exact_match", exactMatch());
    }
}
