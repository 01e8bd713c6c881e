package io.sparkdistill.ingest;

/** Why an input row was set aside instead of being used. */
public enum QuarantineReason {
    /** The line is not a JSON object. */
    MALFORMED_JSON,
    /** A field the task needs is absent or null. */
    MISSING_FIELD,
    /** A field holds a number, list or object where text was expected. */
    WRONG_TYPE,
    /** A field holds only whitespace. */
    EMPTY_FIELD,
    /** The label is not in the job's label set. */
    UNKNOWN_LABEL
}
