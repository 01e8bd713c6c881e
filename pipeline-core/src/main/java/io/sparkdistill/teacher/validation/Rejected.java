package io.sparkdistill.teacher.validation;

import java.util.Objects;

/**
 * A teacher output not used for training.
 *
 * @param reason why, one of a fixed set counted in the run summary
 * @param detail one line for people: what was found (output text abbreviated, never a secret)
 */
public record Rejected(RejectionReason reason, String detail) implements Verdict {
    public Rejected {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }
}
