package io.sparkdistill.config;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How a run keeps {@code synthetic/} ({@code output.synthetic_format}). */
public enum SyntheticFormat {
    /** Plain Parquet files (default). */
    PARQUET,
    /** A Delta Lake table that each run merges its new rows into by example id. */
    DELTA;

    /** The value as written in a job's YAML (read case-insensitively). */
    @JsonValue
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return configName();
    }
}
