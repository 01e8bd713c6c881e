package io.sparkdistill.evaluate;

import java.util.List;

/**
 * What every evaluated model has, whatever its task: its role in the comparison, what it is, how fast it answers and
 * how big it is. Label tasks ({@link ModelEvaluation}) and text tasks ({@link TextModelEvaluation}) add their own
 * quality figures; the reports draw the shared speed and size figures from here.
 */
public interface EvaluatedModel {
    /** The roles of the three models every evaluation compares. */
    List<String> ROLES = List.of(ModelEvaluation.TEACHER, ModelEvaluation.BASELINE, ModelEvaluation.DISTILLED);

    /** {@link ModelEvaluation#TEACHER}, {@link ModelEvaluation#BASELINE} or {@link ModelEvaluation#DISTILLED}. */
    String role();

    /** What the model is, for readers. */
    String description();

    /** Single-example, single-thread inference time. */
    LatencyStats latency();

    /** Trainable and frozen parameters together; {@link ModelEvaluation#UNKNOWN} when unknown. */
    long parameterCount();

    /** Bytes of the saved model files; {@link ModelEvaluation#UNKNOWN} when unknown. */
    long sizeOnDiskBytes();

    /** Memory the loaded model costs (approximate); {@link ModelEvaluation#UNKNOWN} when unknown. */
    long memoryBytes();

    /** The one evaluation in {@code models} with {@code role}; reports render the three models by role. */
    static <M extends EvaluatedModel> M withRole(List<M> models, String role) {
        List<M> matches = models.stream().filter(m -> m.role().equals(role)).toList();
        if (matches.size() != 1) {
            throw new IllegalArgumentException("expected exactly one model with role '" + role + "' but found "
                    + matches.size() + " among roles " + models.stream().map(EvaluatedModel::role).toList());
        }
        return matches.get(0);
    }

    /** Rejects a role that is none of {@link #ROLES}. */
    static void requireKnownRole(String role) {
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("role must be one of " + ROLES + " but was '" + role + "'");
        }
    }
}
