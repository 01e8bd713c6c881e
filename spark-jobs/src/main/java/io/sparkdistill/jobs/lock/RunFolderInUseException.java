package io.sparkdistill.jobs.lock;

import io.sparkdistill.error.UserError;

/**
 * Another run holds the run folder (or several are taking it at once): a conflict the user resolves by waiting, or
 * by giving this run its own {@code output.run_name}. Exits 2 like a config error; the message names the holder.
 */
public class RunFolderInUseException extends UserError {
    RunFolderInUseException(String message) {
        super(Kind.STORAGE, message);
    }
}
