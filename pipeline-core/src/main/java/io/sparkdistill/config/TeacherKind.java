package io.sparkdistill.config;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Which teacher answers ({@code teacher.kind}); each kind has its own record of keys, see {@link TeacherConfig}. */
public enum TeacherKind {
    /** all-MiniLM-L6-v2 run on the executors with a classification head fitted on the labelled training split. */
    EMBEDDED(EmbeddedTeacherConfig.class),
    /** An OpenAI-compatible chat-completions endpoint. */
    API(ApiTeacherConfig.class),
    /** A user's DJL-loadable model run on the executors. */
    LOCAL(LocalTeacherConfig.class);

    private final Class<? extends TeacherConfig> recordType;

    TeacherKind(Class<? extends TeacherConfig> recordType) {
        this.recordType = recordType;
    }

    /** The record holding this kind's keys. */
    public Class<? extends TeacherConfig> recordType() {
        return recordType;
    }

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
