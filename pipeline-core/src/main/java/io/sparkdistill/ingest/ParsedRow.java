package io.sparkdistill.ingest;

import java.io.Serializable;

/** The outcome of reading one input row: a valid example or a quarantined row, never neither. */
public sealed interface ParsedRow extends Serializable permits ParsedRow.Valid, ParsedRow.Rejected {

    record Valid(Example example) implements ParsedRow {
    }

    record Rejected(QuarantinedRow row) implements ParsedRow {
    }
}
