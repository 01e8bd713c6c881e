package io.sparkdistill.config;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How the label students' learning rate falls over the epochs ({@code learning_rate_schedule.decay}). */
public enum LearningRateDecay {
    /** The same rate every epoch. */
    NONE,
    /** In a straight line from the rate in the first epoch to the floor in the last. */
    LINEAR,
    /** Along half a cosine from the rate in the first epoch to the floor in the last: slow, fast, slow. */
    COSINE;

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
