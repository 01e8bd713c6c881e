package io.sparkdistill.report;

import io.sparkdistill.evaluate.EvaluatedModel;
import io.sparkdistill.evaluate.ModelEvaluation;
import java.util.List;

/** The three models of an evaluation picked out by role, and in the order every report shows them. */
record ModelsByRole<M extends EvaluatedModel>(M teacher, M baseline, M distilled) {

    /** {@code models} must hold exactly one model per role, in any order. */
    static <M extends EvaluatedModel> ModelsByRole<M> of(List<M> models) {
        return new ModelsByRole<>(EvaluatedModel.withRole(models, ModelEvaluation.TEACHER),
                EvaluatedModel.withRole(models, ModelEvaluation.BASELINE),
                EvaluatedModel.withRole(models, ModelEvaluation.DISTILLED));
    }

    /** Teacher, baseline, distilled. */
    List<M> ordered() {
        return List.of(teacher, baseline, distilled);
    }
}
