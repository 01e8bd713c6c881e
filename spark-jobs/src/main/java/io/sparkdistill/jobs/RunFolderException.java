package io.sparkdistill.jobs;

import io.sparkdistill.error.UserError;

/**
 * The run folder cannot be worked on as it is, for a reason the user can fix: another run holds it, or its students
 * come from different train runs. Exits 2 like a config error; the message says what to do.
 */
public class RunFolderException extends UserError {
    public RunFolderException(String message) {
        super(Kind.STORAGE, message);
    }
}
