package io.sparkdistill.evaluate.text;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The conversation task's corpus metrics, {@code bleu} and {@code chrf}, as mergeable statistics. */
public final class BleuChrFStatistics implements TextMetricStatistics {
    private static final long serialVersionUID = 1L;

    private final BleuStatistics bleu = new BleuStatistics();
    private final ChrFStatistics chrf = new ChrFStatistics();
    private long count;

    @Override
    public BleuChrFStatistics add(String prediction, List<String> references) {
        bleu.add(prediction, references);
        chrf.add(prediction, references);
        count++;
        return this;
    }

    @Override
    public BleuChrFStatistics merge(TextMetricStatistics other) {
        BleuChrFStatistics o = (BleuChrFStatistics) other;
        bleu.merge(o.bleu);
        chrf.merge(o.chrf);
        count += o.count;
        return this;
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public Map<String, Double> metrics() {
        TextMetricsChecks.notEmpty(count);
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("bleu", bleu.score().score());
        out.put("chrf", chrf.score());
        return out;
    }
}
