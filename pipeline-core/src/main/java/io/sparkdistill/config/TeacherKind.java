package io.sparkdistill.config;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Which teacher answers ({@code teacher.kind}); each kind has its own record of keys, see {@link TeacherConfig}. */
public enum TeacherKind {
    /** all-MiniLM-L6-v2 run on the executors with a classification head fitted on the labelled training split. */
    EMBEDDED,
    /** An OpenAI-compatible chat-completions endpoint. */
    API,
    /** A user's DJL-loadable model run on the executors. */
    LOCAL;

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
