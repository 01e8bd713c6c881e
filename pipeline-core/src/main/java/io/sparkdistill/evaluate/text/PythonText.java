package io.sparkdistill.evaluate.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The few Python 3 {@code str} operations the reference metric scripts rely on, reproduced so that our tokens are
 * the tokens they see.
 *
 * <p>Python's {@code str.split()} (no argument) and {@code str.rstrip()} treat as whitespace every code point for
 * which {@code str.isspace()} is true: bidirectional class WS, B or S, or general category Zs. That is a wider set
 * than Java's {@link Character#isWhitespace(int)} (which excludes the no-break spaces U+00A0, U+2007, U+202F and
 * includes nothing of U+0085), so it is listed here explicitly.
 */
final class PythonText {
    private PythonText() {
    }

    /** Python 3's {@code str.isspace()} for one code point. */
    static boolean isSpace(int cp) {
        return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20) || cp == 0x85 || cp == 0xA0
                || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029
                || cp == 0x202F || cp == 0x205F || cp == 0x3000;
    }

    /** Python's {@code text.split()}: runs of whitespace separate tokens, no empty tokens. */
    static List<String> split(String text) {
        List<String> tokens = new ArrayList<>();
        int start = -1;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (isSpace(cp)) {
                if (start >= 0) {
                    tokens.add(text.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            tokens.add(text.substring(start));
        }
        return tokens;
    }

    /** Python's {@code text.rstrip()}. */
    static String rstrip(String text) {
        int end = text.length();
        while (end > 0) {
            int cp = text.codePointBefore(end);
            if (!isSpace(cp)) {
                break;
            }
            end -= Character.charCount(cp);
        }
        return text.substring(0, end);
    }

    /**
     * Python's {@code text.lower()}. Java's root-locale lower-casing applies the same Unicode full case mappings
     * (including the final-sigma rule and U+0130 -> "i\u0307"), so the two agree on the texts we score.
     */
    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /** The code points of {@code text}: Python indexes strings by code point, not by UTF-16 unit. */
    static int[] codePoints(String text) {
        return text.codePoints().toArray();
    }
}
