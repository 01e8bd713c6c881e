package io.sparkdistill.teacher;

import java.io.Serializable;
import java.util.Objects;

/**
 * What a teacher says about one example: its hard label plus the soft labels the student learns from.
 *
 * @param label         the most probable label (argmax of the logits)
 * @param probabilities softmax(logits / temperature), in the head's label order; the soft targets of distillation
 * @param logits        the raw scores, kept so the loss can re-temper them at any temperature
 */
public record TeacherAnswer(String label, float[] probabilities, float[] logits) implements Serializable {

    public TeacherAnswer {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(probabilities, "probabilities");
        Objects.requireNonNull(logits, "logits");
        if (probabilities.length != logits.length) {
            throw new IllegalArgumentException("probabilities has " + probabilities.length
                    + " values but logits has " + logits.length);
        }
    }
}
