package io.sparkdistill.ingest;

import java.io.Serializable;

/**
 * An input row that was set aside, with everything a person needs to find and fix it.
 *
 * @param sourceFile the file it came from
 * @param sourceLine its 1-based line (JSONL) or row (Parquet) number
 * @param split      the split the file belongs to
 * @param reason     the kind of problem
 * @param field      the field at fault, or null when the whole row is (malformed JSON)
 * @param message    a sentence saying what was wrong and what was expected
 * @param raw        the row as read, cut to a readable length
 */
public record QuarantinedRow(String sourceFile, long sourceLine, Split split, QuarantineReason reason,
                             String field, String message, String raw) implements Serializable {

    /** "train.jsonl line 12, field 'label': ..." — the form used in logs and errors. */
    public String describe() {
        return sourceFile + " line " + sourceLine + (field == null ? "" : ", field '" + field + "'") + ": " + message;
    }
}
