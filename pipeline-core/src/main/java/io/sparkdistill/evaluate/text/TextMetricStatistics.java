package io.sparkdistill.evaluate.text;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A task's corpus metrics as sufficient statistics that add up: each executor adds its own examples, the partial
 * statistics merge in any grouping and order, and only they (a few numbers, not the answers) reach the driver, which
 * gives exactly the score the whole corpus scored at once would give. The list-based scorers go through the same
 * statistics, so the two paths cannot drift apart.
 *
 * <p>Both {@link #add} and {@link #merge} change this object and return it, as Spark's {@code treeAggregate} allows.
 */
public interface TextMetricStatistics extends Serializable {

    /** Adds one example: the prediction and its references (at least one). */
    TextMetricStatistics add(String prediction, List<String> references);

    /** Adds the examples another statistics of the same kind holds. */
    TextMetricStatistics merge(TextMetricStatistics other);

    /** The examples added so far. */
    long count();

    /**
     * The metrics by name, as the task reports them.
     *
     * @throws IllegalArgumentException if no example was added
     */
    Map<String, Double> metrics();

    /** Adds every pair of the two lists, checked to pair up and not be empty. */
    default TextMetricStatistics addAll(List<String> predictions, List<List<String>> references) {
        TextMetricsChecks.sameSize(predictions, references);
        for (int i = 0; i < predictions.size(); i++) {
            add(predictions.get(i), references.get(i));
        }
        return this;
    }
}
