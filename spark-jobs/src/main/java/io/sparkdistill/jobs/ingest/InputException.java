package io.sparkdistill.jobs.ingest;

/** Input that a run cannot start from: a missing or empty file, a wrong schema, or too many bad rows. */
public class InputException extends RuntimeException {
    public InputException(String message) {
        super(message);
    }
}
