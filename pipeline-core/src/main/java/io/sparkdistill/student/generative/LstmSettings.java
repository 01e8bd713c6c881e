package io.sparkdistill.student.generative;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.core.type.TypeReference;
import io.sparkdistill.config.GenerativeStudentConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The LSTM student's sizes, limits and decoding as a student card records them: the {@code student.generative}
 * fields under their config keys ({@code vocab_size}, {@code max_answer_tokens}, ...), so that a saved student reads
 * as its config did and loading rebuilds the very same settings. What the card adds (the vocabulary actually learnt,
 * whether the embedding started from the teacher's vectors) is ignored when the settings are read back.
 */
final class LstmSettings {
    /** Subword tokens the vocabulary holds: at most {@code vocab_size}, fewer when the texts had no more merges. */
    static final String VOCABULARY_TOKENS = "vocabulary_tokens";
    static final String INIT_FROM_TEACHER = "init_from_teacher";
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private LstmSettings() {
    }

    /** The card's settings for a student with this config and vocabulary. */
    static Map<String, Object> toCard(GenerativeStudentConfig settings, int vocabularyTokens, boolean initFromTeacher) {
        Map<String, Object> card = new LinkedHashMap<>(JSON.convertValue(settings,
                new TypeReference<Map<String, Object>>() { }));
        card.put(VOCABULARY_TOKENS, vocabularyTokens);
        card.put(INIT_FROM_TEACHER, initFromTeacher);
        return card;
    }

    /** The config a card's settings were written from. */
    static GenerativeStudentConfig fromCard(Map<String, Object> card) {
        return JSON.convertValue(card, GenerativeStudentConfig.class);
    }
}
