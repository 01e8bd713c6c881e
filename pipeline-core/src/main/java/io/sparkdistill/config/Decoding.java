package io.sparkdistill.config;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How the generative student writes its answer ({@code student.generative.decoding}). */
public enum Decoding {
    /** Beam search over {@code beam_width} hypotheses. */
    BEAM,
    /** The likeliest next token each step: a beam of one. */
    GREEDY;

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
