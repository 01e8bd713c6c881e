package io.sparkdistill.evaluate;

import java.util.List;
import java.util.Objects;

/**
 * Everything measured about one of the three models on the test split: quality, speed, size and memory.
 *
 * @param role                     {@value #TEACHER}, {@value #BASELINE} (student trained on gold labels only) or
 *                                 {@value #DISTILLED} (student trained on the teacher's outputs)
 * @param description              what the model is, for readers (e.g. "all-MiniLM-L6-v2 + logistic head")
 * @param scores                   quality against the gold labels of the test split
 * @param latency                  single-example, single-thread inference time
 * @param batchThroughputPerSecond examples per second when fed batches (see {@link LatencyProbe#throughput})
 * @param parameterCount           trainable and frozen parameters together
 * @param sizeOnDiskBytes          bytes of the saved model files
 * @param memoryBytes              peak resident set of a fresh JVM serving the model (see {@link ServingMemory})
 */
public record ModelEvaluation(String role, String description, ClassificationScores scores, LatencyStats latency,
                              double batchThroughputPerSecond, long parameterCount, long sizeOnDiskBytes,
                              long memoryBytes) implements EvaluatedModel {

    /**
     * A size that cannot be known from here, such as the parameters, memory and disk of a teacher behind an API:
     * reports show "n/a" and comparisons against it are NaN.
     */
    public static final long UNKNOWN = -1;
    public static final String TEACHER = "teacher";
    public static final String BASELINE = "baseline";
    public static final String DISTILLED = "distilled";

    /**
     * Several teachers answering together, one after another, judged by {@code scores} (their combined answers):
     * latencies add (see {@link LatencyStats#then}), as do parameters, size and memory; a size one member cannot
     * know makes the sum unknown.
     */
    public static ModelEvaluation ensemble(String description, ClassificationScores scores,
                                           List<ModelEvaluation> members) {
        LatencyStats latency = members.get(0).latency();
        double secondsPerExample = 1 / members.get(0).batchThroughputPerSecond();
        for (ModelEvaluation m : members.subList(1, members.size())) {
            latency = latency.then(m.latency());
            secondsPerExample += 1 / m.batchThroughputPerSecond();
        }
        return new ModelEvaluation(TEACHER, description, scores, latency, 1 / secondsPerExample,
                sum(members, ModelEvaluation::parameterCount), sum(members, ModelEvaluation::sizeOnDiskBytes),
                sum(members, ModelEvaluation::memoryBytes));
    }

    private static long sum(List<ModelEvaluation> members, java.util.function.ToLongFunction<ModelEvaluation> size) {
        long total = 0;
        for (ModelEvaluation m : members) {
            if (size.applyAsLong(m) == UNKNOWN) {
                return UNKNOWN;
            }
            total += size.applyAsLong(m);
        }
        return total;
    }

    public ModelEvaluation {
        EvaluatedModel.requireKnownRole(role);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(latency, "latency");
    }

    /** The one evaluation in {@code models} with {@code role}; reports render the three models by role. */
    public static ModelEvaluation withRole(List<ModelEvaluation> models, String role) {
        return EvaluatedModel.withRole(models, role);
    }
}
