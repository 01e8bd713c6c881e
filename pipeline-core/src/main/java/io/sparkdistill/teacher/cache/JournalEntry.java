package io.sparkdistill.teacher.cache;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.Serializable;
import java.util.Optional;

/**
 * One paid teacher answer as a line of the answer journal, the file an executor appends each answer to before it
 * goes on, so that a run killed between two commits of its outputs still has every answer it paid for. A line holds
 * what the answer cache holds (the prompt key, the teacher's fingerprint, the template version, the response as
 * {@link ResponseJson} and its token counts): no request, no header, so never a key.
 *
 * @param response {@link ResponseJson} of the response
 */
public record JournalEntry(@JsonProperty("prompt_key") String promptKey,
                           @JsonProperty("teacher_fingerprint") String teacherFingerprint,
                           @JsonProperty("template_version") String templateVersion,
                           @JsonProperty("response") String response,
                           @JsonProperty("prompt_tokens") int promptTokens,
                           @JsonProperty("completion_tokens") int completionTokens) implements Serializable {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .configure(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES, true);

    /** The entry as one line of JSON, newline included. */
    public String toLine() {
        try {
            return MAPPER.writeValueAsString(this) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a journal entry could not be written as JSON", e);
        }
    }

    /**
     * The entry a line holds, or empty when the line is not a whole entry: the last line of a journal whose writer
     * was killed part way through it. Such an answer was never acknowledged, so skipping it loses nothing promised.
     */
    public static Optional<JournalEntry> parse(String line) {
        if (line == null || line.isBlank()) {
            return Optional.empty();
        }
        try {
            JournalEntry entry = MAPPER.readValue(line, JournalEntry.class);
            boolean whole = entry.promptKey() != null && entry.teacherFingerprint() != null
                    && entry.templateVersion() != null && entry.response() != null;
            return whole ? Optional.of(entry) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
