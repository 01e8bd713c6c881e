package io.sparkdistill.student.summary;

import java.util.Locale;

/**
 * Which sentences the extractive student quotes: those its network scores as adding to the summary, or the first
 * sentence alone, a rule that the train stage keeps instead where it scores higher on the validation split
 * ({@link ExtractiveFamily#rules}).
 */
public enum SentenceChoice {
    NETWORK,
    FIRST_SENTENCE;

    /** The name in the student's card, {@code network} or {@code first_sentence}. */
    public String settingName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return settingName();
    }
}
