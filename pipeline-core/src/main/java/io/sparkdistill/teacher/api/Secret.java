package io.sparkdistill.teacher.api;

import java.util.Objects;

/**
 * An API key in memory. It exists so that the key cannot reach a log line, an exception message, a Parquet column
 * or a report by accident: {@link #toString()} prints {@code ****}, and the only way to the value is the
 * deliberately named {@link #reveal()}, called where the HTTP header is set. Not serializable: keys are read on the
 * executor at call time, never shipped.
 */
public final class Secret {
    private static final String MASK = "****";
    private final String value;

    public Secret(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a secret must not be blank");
        }
        this.value = value;
    }

    /** The key itself, for the request header and nothing else. */
    public String reveal() {
        return value;
    }

    /** The text with every occurrence of the key replaced by {@code ****}; servers sometimes echo what they got. */
    public String redact(String text) {
        return text == null ? null : text.replace(value, MASK);
    }

    @Override
    public String toString() {
        return MASK;
    }
}
