package io.sparkdistill.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.io.Serializable;
import java.util.List;

/**
 * The teacher ({@code teacher:} in a job's YAML, or one entry of {@code teachers:}): one record per kind, each with
 * only its own keys, chosen by {@code kind} ({@link TeacherKind}, default embedded). {@link TeacherConfigDeserializer}
 * reads the flat section users write ({@code teacher: {kind: api, endpoint: ..., generation: ...}}) and refuses a
 * key of another kind, saying whose key it is.
 */
@JsonDeserialize(using = TeacherConfigDeserializer.class)
public sealed interface TeacherConfig extends Serializable permits ExecutorTeacherConfig, ApiTeacherConfig {

    /** Examples per call of a model run on the executors, and the batch the evaluation times throughput with. */
    int DEFAULT_BATCH_SIZE = 32;

    /** The reference's row for the key every kind has; each kind's record lists the rows of its own keys. */
    List<KeyDoc> KIND_KEYS = List.of(KeyDoc.of("kind", "`embedded`", "`embedded`: the offline teacher "
            + "(all-MiniLM-L6-v2 + logistic head); `api`: an OpenAI-compatible endpoint; `local`: your own DJL model"));

    /** Written out with the record's keys, so an effective config read back says which teacher it had. */
    @JsonProperty("kind")
    TeacherKind kind();

    /**
     * Examples per model call on an executor; also the batch the evaluate stage times every model's throughput with,
     * which is the default for a teacher that has no such key (an API teacher).
     */
    default Integer batchSize() {
        return DEFAULT_BATCH_SIZE;
    }

    /** Checks this teacher's own keys; {@code problems} is the view of its section ({@code teachers[1].}). */
    void validate(ConfigProblems problems);

    /** The default teacher: the embedded one with its defaults. */
    static TeacherConfig defaults() {
        return EmbeddedTeacherConfig.defaults();
    }
}
