package io.sparkdistill.teacher.validation;

import java.util.Objects;

/**
 * A teacher output fit for training.
 *
 * @param answer    what the student learns as the answer: the label as spelled in the job's label set
 *                  (classification, nli), the canonical final number of {@code MathAnswer} (math), else the
 *                  teacher's text, stripped (conversation, qa, summarisation)
 * @param rationale the teacher's reasoning, or null: the JSON "reason" in rationale mode; for math outside
 *                  rationale mode, the whole step-by-step solution the teacher wrote; null otherwise
 */
public record Accepted(String answer, String rationale) implements Verdict {
    public Accepted {
        Objects.requireNonNull(answer, "answer");
    }
}
