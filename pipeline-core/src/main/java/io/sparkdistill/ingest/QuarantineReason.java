package io.sparkdistill.ingest;

/** Why an input row was set aside instead of being used. */
public enum QuarantineReason {
    /** The line is not a JSON object. */
    MALFORMED_JSON,
    /** The line's bytes are not UTF-8. */
    INVALID_UTF8,
    /** The line holds more than one JSON value, or text after its object. */
    TRAILING_DATA,
    /** A key appears twice in one object. */
    DUPLICATE_FIELD,
    /** A field the task needs is absent or null. */
    MISSING_FIELD,
    /** A field holds a number, list or object where text was expected. */
    WRONG_TYPE,
    /** A field holds only whitespace. */
    EMPTY_FIELD,
    /** The label is not in the job's label set. */
    UNKNOWN_LABEL
}
