package io.sparkdistill.evaluate.text;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The final numeric answer of a math solution (GSM8K and MATH style) and the exact match of final answers.
 *
 * <p>There is no single reference implementation for this; we follow the conventions common to the GSM8K
 * evaluation in OpenAI's {@code grade_school_math} ({@code #### answer}) and the MATH benchmark
 * ({@code \boxed{answer}}), with an exact comparison of numbers instead of strings.
 *
 * <p><b>Where the answer is taken from</b>, first rule that applies:
 * <ol>
 *   <li>text after the last {@code ####}: its first number;</li>
 *   <li>the last {@code \boxed{...}} (braces matched): a {@code \frac{a}{b}} ({@code \dfrac}, {@code \tfrac}) in it,
 *       else its last number;</li>
 *   <li>text after the last "answer is" or "answer:" (any case): its first number;</li>
 *   <li>otherwise the last number of the text.</li>
 * </ol>
 *
 * <p><b>Numbers understood</b>: integers and decimals ({@code 42}, {@code 1000.0}, {@code .5}), thousands separated by
 * commas in groups of three ({@code 1,000,000}; "1,2" is two numbers), scientific notation ({@code 1e3},
 * {@code 2.5E-2}), fractions {@code a/b} and {@code \frac{a}{b}}, and a leading minus sign when it does not follow a
 * letter, digit or closing parenthesis ("3-4" is 3 and 4). Currency signs, percent signs and units around the
 * number are ignored ("$1,000" and "50%" read 1000 and 50). A number glued to preceding letters ("x2") is not
 * read.
 *
 * <p><b>Equality</b> is exact equality of rational numbers: 1,000 = 1000.0 = 1e3 = 1000, 3/4 = 0.75, 0.1 + 0.2 style
 * binary rounding never enters. The canonical form ({@link #canonical}) is an integer, a plain decimal when the
 * value has a finite decimal expansion, else a reduced fraction "p/q".
 */
public final class MathAnswer {
    private static final String UNSIGNED = "\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?|\\.\\d+";
    private static final Pattern NUMBER = Pattern.compile(
            "(?<![\\w.)])(-)?(" + UNSIGNED + ")(?:\\s*/\\s*(" + UNSIGNED + "))?");
    private static final Pattern FRAC = Pattern.compile(
            "(-)?\\\\[dt]?frac\\{\\s*(-?)(" + UNSIGNED + ")\\s*\\}\\{\\s*(" + UNSIGNED + ")\\s*\\}");
    /** Largest power of ten a literal may carry (as exponent or as decimal places). */
    private static final int MAX_EXPONENT = 1000;
    private static final Pattern ANSWER_IS = Pattern.compile("(?i)answer\\s*(?:is|:)");

    private MathAnswer() {
    }

    /** The final answer of {@code text} in canonical form, or empty when the text holds no number. */
    public static Optional<String> extract(String text) {
        int hashes = text.lastIndexOf("####");
        if (hashes >= 0) {
            return firstNumber(text.substring(hashes + 4));
        }
        int boxed = text.lastIndexOf("\\boxed{");
        if (boxed >= 0) {
            String content = braced(text, boxed + "\\boxed{".length());
            Matcher frac = FRAC.matcher(content);
            if (frac.find()) {
                boolean negative = frac.group(1) != null ^ !frac.group(2).isEmpty();
                return Optional.ofNullable(fraction(negative, frac.group(3), frac.group(4)));
            }
            return lastNumber(content);
        }
        Matcher answerIs = ANSWER_IS.matcher(text);
        int after = -1;
        while (answerIs.find()) {
            after = answerIs.end();
        }
        if (after >= 0) {
            Optional<String> stated = firstNumber(text.substring(after));
            if (stated.isPresent()) {
                return stated;
            }
        }
        return lastNumber(text);
    }

    /** The canonical form of a number written as this class reads numbers, or empty if it is not one. */
    public static Optional<String> canonical(String number) {
        Matcher m = NUMBER.matcher(number.strip());
        return m.matches() ? Optional.ofNullable(fromMatch(m)) : Optional.empty();
    }

    /** 1 if the final answers of {@code prediction} and of some reference are the same number, else 0. */
    public static double exactMatch(String prediction, List<String> references) {
        if (references.isEmpty()) {
            throw new IllegalArgumentException("an example needs at least one reference");
        }
        Optional<String> predicted = extract(prediction);
        for (String reference : references) {
            String gold = extract(reference).orElseThrow(() -> new IllegalArgumentException(
                    "reference has no numeric answer: \"" + abbreviate(reference) + "\""));
            if (predicted.isPresent() && predicted.get().equals(gold)) {
                return 1.0;
            }
        }
        return 0.0;
    }

    /** Exact match of final answers on the 0-100 scale, like the QA exact match. */
    public static double exactMatch(List<String> predictions, List<List<String>> references) {
        MathStatistics stats = new MathStatistics();
        stats.addAll(predictions, references);
        return stats.exactMatch();
    }

    private static Optional<String> firstNumber(String text) {
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            String value = fromMatch(m);
            if (value != null) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> lastNumber(String text) {
        Matcher m = NUMBER.matcher(text);
        String last = null;
        while (m.find()) {
            String value = fromMatch(m);
            if (value != null) {
                last = value;
            }
        }
        return Optional.ofNullable(last);
    }

    /** Null when the match is a fraction with a zero denominator. */
    private static String fromMatch(Matcher m) {
        boolean negative = m.group(1) != null;
        return m.group(3) == null ? fraction(negative, m.group(2), "1") : fraction(negative, m.group(2), m.group(3));
    }

    private static String fraction(boolean negative, String numerator, String denominator) {
        BigInteger[] a = rational(numerator);
        BigInteger[] b = rational(denominator);
        if (a == null || b == null) {
            return null;
        }
        BigInteger p = a[0].multiply(b[1]);
        BigInteger q = a[1].multiply(b[0]);
        if (q.signum() == 0) {
            return null;
        }
        if (negative) {
            p = p.negate();
        }
        BigInteger gcd = p.gcd(q);
        if (gcd.signum() != 0) {
            p = p.divide(gcd);
            q = q.divide(gcd);
        }
        if (q.equals(BigInteger.ONE)) {
            return p.toString();
        }
        try {
            return new BigDecimal(p).divide(new BigDecimal(q)).stripTrailingZeros().toPlainString();
        } catch (ArithmeticException nonTerminating) {
            return p + "/" + q;
        }
    }

    /**
     * An unsigned decimal literal as {numerator, positive denominator}; null beyond {@link #MAX_EXPONENT}, so that
     * "1e999999999" cannot make us build a billion-digit number.
     */
    private static BigInteger[] rational(String literal) {
        BigDecimal value = new BigDecimal(literal.replace(",", ""));
        BigInteger unscaled = value.unscaledValue();
        int scale = value.scale();
        if (Math.abs((long) scale) > MAX_EXPONENT) {
            return null;
        }
        return scale >= 0
                ? new BigInteger[] {unscaled, BigInteger.TEN.pow(scale)}
                : new BigInteger[] {unscaled.multiply(BigInteger.TEN.pow(-scale)), BigInteger.ONE};
    }

    /** The text from {@code start} up to the brace closing the one just before it (or to the end). */
    private static String braced(String text, int start) {
        int depth = 1;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return text.substring(start, i);
            }
        }
        return text.substring(start);
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
