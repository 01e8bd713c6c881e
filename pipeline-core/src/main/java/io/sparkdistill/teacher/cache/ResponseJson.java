package io.sparkdistill.teacher.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.teacher.api.ChatResponse;

/**
 * A teacher's response as stored in the answer cache: the parsed {@link ChatResponse} (choices with their text,
 * finish reason, refusal, reasoning and token log-probabilities; usage; the model the server named) as JSON, so a
 * cached answer is validated and turned into soft labels exactly as a fresh one. Headers, and so keys, are never
 * part of it.
 */
public final class ResponseJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ResponseJson() {
    }

    public static String write(ChatResponse response) {
        try {
            return MAPPER.writeValueAsString(response);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a chat response could not be written as JSON", e);
        }
    }

    /** Reads what {@link #write} wrote; {@code where} names the cache entry in the error. */
    public static ChatResponse read(String json, String where) {
        try {
            return MAPPER.readValue(json, ChatResponse.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the cached teacher answer " + where + " is not a readable response ("
                    + e.getOriginalMessage() + "); delete the teacher cache folder to ask again", e);
        }
    }
}
