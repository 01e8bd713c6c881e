package io.sparkdistill.error;

/**
 * A failure the user can fix without touching the code: {@code distill} exits 2 and prints the message as its one
 * {@code error:} line, so the message says what is wrong and how to fix it. Anything else that stops a run is an
 * internal failure (exit 1). The {@link Kind} says where the fix lies; {@code ConfigException} and
 * {@code InputException} are the two kinds thrown most, with their own types.
 */
public class UserError extends RuntimeException {

    /** Where the fix lies. */
    public enum Kind {
        /** The job's config or the command line. */
        CONFIG,
        /** The input data, or a stage's input in the run folder (run the stage that writes it first). */
        INPUT,
        /** The teacher's key or account: refused, not allowed, out of quota. */
        CREDENTIALS,
        /** The teacher answered, but too little of what it said can be used. */
        TEACHER,
        /** Where the run reads or writes: permissions, free space, host names, existing files. */
        STORAGE,
        /** The Spark master URL. */
        SPARK_MASTER
    }

    private final Kind kind;

    public UserError(Kind kind, String message) {
        this(kind, message, null);
    }

    public UserError(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
