package io.sparkdistill.teacher.ensemble;

import java.io.Serializable;
import java.util.Map;

/**
 * What several teachers say together about one example.
 *
 * @param answer        label tasks: the ensemble's label (argmax of {@code probabilities}); text tasks: the answer of
 *                      {@code chosenMember}
 * @param probabilities label tasks: the weighted mean of the members' distributions at the distillation temperature;
 *                      null for text tasks
 * @param logits        label tasks: {@code T * ln(probabilities)}, so that softmax(logits / T), what training
 *                      computes, gives back {@code probabilities}; null for text tasks
 * @param chosenMember  text tasks: the highest-weight member that answered; null for label tasks
 * @param votes         each member that answered (in the job's order) to its label, or for text tasks to
 *                      {@link TeacherEnsemble#answerKey} of its answer
 * @param disagreement  the weighted share of the members that answered whose vote differs from the ensemble's
 *                      (label, or normalised answer): 0 when all agree
 * @param answered      how many members answered this example
 */
public record EnsembleVote(String answer, float[] probabilities, float[] logits, String chosenMember,
                           Map<String, String> votes, double disagreement, int answered) implements Serializable {
}
