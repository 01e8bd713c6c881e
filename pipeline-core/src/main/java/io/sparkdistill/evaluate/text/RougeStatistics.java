package io.sparkdistill.evaluate.text;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The summarisation task's metrics, mean ROUGE-1, ROUGE-2 and ROUGE-L F-measures, as mergeable statistics: the
 * per-example F-measures summed exactly, and the count ({@link RougeScorer#score(List, List)} uses this class).
 */
public final class RougeStatistics implements TextMetricStatistics {
    private static final long serialVersionUID = 1L;

    private final ExactSum rouge1 = new ExactSum();
    private final ExactSum rouge2 = new ExactSum();
    private final ExactSum rougeL = new ExactSum();
    private long count;

    @Override
    public RougeStatistics add(String prediction, List<String> references) {
        RougeScorer.ExampleScores s = RougeScorer.scoreMulti(references, prediction);
        rouge1.add(s.rouge1().fmeasure());
        rouge2.add(s.rouge2().fmeasure());
        rougeL.add(s.rougeL().fmeasure());
        count++;
        return this;
    }

    @Override
    public RougeStatistics merge(TextMetricStatistics other) {
        RougeStatistics o = (RougeStatistics) other;
        rouge1.add(o.rouge1);
        rouge2.add(o.rouge2);
        rougeL.add(o.rougeL);
        count += o.count;
        return this;
    }

    @Override
    public long count() {
        return count;
    }

    /** The means as {@link RougeScorer.Scores}. */
    public RougeScorer.Scores scores() {
        TextMetricsChecks.notEmpty(count);
        return new RougeScorer.Scores(rouge1.value() / count, rouge2.value() / count, rougeL.value() / count,
                Math.toIntExact(count));
    }

    @Override
    public Map<String, Double> metrics() {
        RougeScorer.Scores s = scores();
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("rouge1", s.rouge1());
        out.put("rouge2", s.rouge2());
        out.put("rougeL", s.rougeL());
        return out;
    }
}
