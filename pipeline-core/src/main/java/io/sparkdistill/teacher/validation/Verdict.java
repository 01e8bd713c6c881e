package io.sparkdistill.teacher.validation;

import java.io.Serializable;

/** The outcome of validating one teacher output: {@link Accepted} or {@link Rejected}. */
public sealed interface Verdict extends Serializable permits Accepted, Rejected {

    /** True for {@link Accepted}. */
    default boolean accepted() {
        return this instanceof Accepted;
    }
}
