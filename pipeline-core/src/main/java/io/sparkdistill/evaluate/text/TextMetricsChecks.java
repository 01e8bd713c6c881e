package io.sparkdistill.evaluate.text;

import java.util.List;

/** Argument checks shared by the corpus-level metrics of this package. */
final class TextMetricsChecks {
    private TextMetricsChecks() {
    }

    /** Predictions and references must pair up one to one, and there must be something to score. */
    static void sameSize(List<String> predictions, List<List<String>> references) {
        if (predictions.size() != references.size()) {
            throw new IllegalArgumentException("predictions and references must pair up, but there are "
                    + predictions.size() + " predictions and " + references.size() + " reference lists");
        }
        if (predictions.isEmpty()) {
            throw new IllegalArgumentException("no examples to score");
        }
    }

    /** Corpus statistics must hold an example before they give a score. */
    static void notEmpty(long count) {
        if (count == 0) {
            throw new IllegalArgumentException("no examples to score");
        }
    }
}
