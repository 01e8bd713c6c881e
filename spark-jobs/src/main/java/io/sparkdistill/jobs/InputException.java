package io.sparkdistill.jobs;

import io.sparkdistill.error.UserError;

/**
 * Input that a run cannot start from: a missing or empty file, a wrong schema, too many bad rows, or a run folder
 * without what the stage reads (run the stage that writes it first).
 */
public class InputException extends UserError {
    public InputException(String message) {
        super(Kind.INPUT, message);
    }
}
