package io.sparkdistill.evaluate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything measured about one of the three models on a text task's test split (conversation, qa, summarisation,
 * math): quality against the gold references, agreement with the teacher, speed per example and per generated token,
 * size and memory. Metric names and scales are those of
 * the task strategy's metrics: qa {@code exact_match}, {@code f1} (0-100);
 * summarisation {@code rouge1}, {@code rouge2}, {@code rougeL} (0-1); conversation {@code bleu}, {@code chrf}
 * (0-100); math {@code exact_match} (0-100).
 *
 * @param role                 {@link ModelEvaluation#TEACHER}, {@link ModelEvaluation#BASELINE} (student trained on
 *                             the gold answers) or {@link ModelEvaluation#DISTILLED} (student trained on the
 *                             teacher's answers)
 * @param description          what the model is, for readers
 * @param quality              every metric of the task against the gold references, in the scorer's order
 * @param agreement            for a student, the same metrics with the teacher's answer as the only reference (how
 *                             closely it imitates its teacher); for the teacher, an empty map
 * @param latency              per example, one call at a time on a single thread
 * @param latencyPerToken      per generated token: each example's latency divided by the tokens it generated; null
 *                             when the tokens are not known (a teacher behind an API that reports no usage)
 * @param meanGeneratedTokens  mean tokens generated per example; NaN when unknown
 * @param throughputPerSecond  examples per second; NaN when unknown
 * @param parameterCount       parameters; {@link ModelEvaluation#UNKNOWN} when unknown
 * @param sizeOnDiskBytes      bytes of the saved model files; {@link ModelEvaluation#UNKNOWN} when unknown
 * @param memoryBytes          memory the loaded model costs; {@link ModelEvaluation#UNKNOWN} when unknown
 */
public record TextModelEvaluation(String role, String description, Map<String, Double> quality,
                                  Map<String, Double> agreement, LatencyStats latency, LatencyStats latencyPerToken,
                                  double meanGeneratedTokens, double throughputPerSecond, long parameterCount,
                                  long sizeOnDiskBytes, long memoryBytes) implements EvaluatedModel {

    public TextModelEvaluation {
        EvaluatedModel.requireKnownRole(role);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(latency, "latency");
        if (quality == null || quality.isEmpty()) {
            throw new IllegalArgumentException("the " + role + "'s quality holds no metric; pass the map "
                    + "the task strategy's metrics return for its answers");
        }
        quality = ordered(quality);
        agreement = ordered(Objects.requireNonNull(agreement, "agreement (an empty map for the teacher)"));
    }

    private static Map<String, Double> ordered(Map<String, Double> metrics) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}
