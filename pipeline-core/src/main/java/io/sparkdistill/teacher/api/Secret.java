package io.sparkdistill.teacher.api;

import java.util.Locale;
import java.util.Objects;

/**
 * An API key in memory. It exists so that the key cannot reach a log line, an exception message, a Parquet column
 * or a report by accident: {@link #toString()} prints {@code ****}, and the only way to the value is the
 * deliberately named {@link #reveal()}, called where the HTTP header is set. Not serializable: keys are read on the
 * executor at call time, never shipped.
 * <p>
 * A secret holds visible ASCII only. Keys are made of it, and anything else (a zero-width space pasted with the
 * key, a line break inside a key file) is refused by the HTTP client with a message that prints the whole header,
 * key included; refusing it here, by position and name, keeps the key out of that message.
 */
public final class Secret {
    private static final String MASK = "****";
    private final String value;

    /**
     * @throws IllegalArgumentException when the value is blank or holds a character other than visible ASCII; the
     *                                  message gives the character's position and Unicode name, never the value
     */
    public Secret(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a secret must not be blank");
        }
        int length = value.codePointCount(0, value.length());
        int position = 0;
        for (int i = 0; i < value.length(); i = value.offsetByCodePoints(i, 1)) {
            position++;
            int c = value.codePointAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw new IllegalArgumentException("character " + position + " of " + length + " is " + describe(c)
                        + ", which an HTTP header cannot carry (a key is visible ASCII only)");
            }
        }
        this.value = value;
    }

    /** The key itself, for the request header and nothing else. */
    public String reveal() {
        return value;
    }

    /** The text with every occurrence of the key replaced by {@code ****}; servers sometimes echo what they got. */
    public String redact(String text) {
        return text == null ? null : text.replace(value, MASK);
    }

    @Override
    public String toString() {
        return MASK;
    }

    /** {@code U+200B ZERO WIDTH SPACE}, {@code U+000D CARRIAGE RETURN (CR)}: what a user can search for. */
    private static String describe(int codePoint) {
        String name = Character.getName(codePoint);
        return String.format(Locale.ROOT, "U+%04X", codePoint) + (name == null ? "" : " " + name);
    }
}
