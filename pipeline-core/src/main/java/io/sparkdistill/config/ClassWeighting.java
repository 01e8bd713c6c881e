package io.sparkdistill.config;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How the label students' loss weighs the classes ({@code hyperparameters.class_weighting}). */
public enum ClassWeighting {
    /** Every class alike. */
    NONE,
    /** Both terms of the distillation loss weighed by inverse class frequency, for small classes. */
    BALANCED;

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
