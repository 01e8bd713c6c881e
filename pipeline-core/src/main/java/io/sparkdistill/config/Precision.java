package io.sparkdistill.config;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How the saved label student stores its weights ({@code student.precision}); training always runs in float32. */
public enum Precision {
    /** Four bytes a weight (default). */
    FLOAT32,
    /** Half the file; the student is evaluated as saved. */
    FLOAT16;

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
