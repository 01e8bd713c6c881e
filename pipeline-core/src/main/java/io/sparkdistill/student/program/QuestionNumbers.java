package io.sparkdistill.student.program;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbers of a question in the order they are written, and the question with each replaced by its position
 * marker ({@code N0}, {@code N1}, ...). A program refers to numbers by position, so the student learns "multiply the
 * first number by the second" once for every question worded alike, whatever the numbers are.
 *
 * <p>Numbers are read as people write them: "1,200" is 1200, "$5" is 5 and "20%" is 20 (the sign stays in the text
 * as the word "dollars" or "percent", which the student reads), "1.5" and ".5" are decimals, and the number words
 * two to ninety-nine, "twice" and "dozen" count too. "One" does not: it is far more often "one of them" than a
 * quantity, and a program needing 1 finds it among the constants.
 *
 * @param values     the numbers, by position
 * @param markedText the question with {@code N<i>} in place of the i-th number
 */
public record QuestionNumbers(List<Rational> values, String markedText) {
    private static final Map<String, Integer> UNITS = Map.ofEntries(
            Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5),
            Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9));
    private static final Map<String, Integer> TEENS = Map.ofEntries(
            Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("thirteen", 13),
            Map.entry("fourteen", 14), Map.entry("fifteen", 15), Map.entry("sixteen", 16),
            Map.entry("seventeen", 17), Map.entry("eighteen", 18), Map.entry("nineteen", 19),
            Map.entry("twice", 2), Map.entry("dozen", 12));
    private static final Map<String, Integer> TENS = Map.of("twenty", 20, "thirty", 30, "forty", 40, "fifty", 50,
            "sixty", 60, "seventy", 70, "eighty", 80, "ninety", 90);
    private static final String DIGITS = "\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|\\.\\d+";
    private static final Pattern NUMBER = Pattern.compile("(?i)(?<![\\w.])(" + DIGITS + ")"
            + "|\\b(" + String.join("|", TENS.keySet()) + ")(?:[- ](" + String.join("|", UNITS.keySet())
            + "|one))?\\b"
            + "|\\b(" + String.join("|", UNITS.keySet()) + "|" + String.join("|", TEENS.keySet()) + ")\\b");

    public QuestionNumbers {
        values = List.copyOf(values);
    }

    /** The numbers of {@code question}. */
    public static QuestionNumbers of(String question) {
        List<Rational> values = new ArrayList<>();
        StringBuilder marked = new StringBuilder();
        Matcher m = NUMBER.matcher(question);
        int last = 0;
        while (m.find()) {
            marked.append(question, last, m.start()).append(" N").append(values.size()).append(' ');
            values.add(value(m));
            last = m.end();
        }
        marked.append(question.substring(last));
        String text = marked.toString().replace("%", " percent ").replace("$", " dollars ");
        return new QuestionNumbers(values, text);
    }

    private static Rational value(Matcher m) {
        if (m.group(1) != null) {
            return Rational.of(new BigDecimal(m.group(1).replace(",", "")));
        }
        if (m.group(2) != null) {
            int tens = TENS.get(m.group(2).toLowerCase(Locale.ROOT));
            String unit = m.group(3) == null ? null : m.group(3).toLowerCase(Locale.ROOT);
            return Rational.of(BigDecimal.valueOf(tens + (unit == null ? 0 : unit.equals("one") ? 1
                    : UNITS.get(unit))));
        }
        String word = m.group(4).toLowerCase(Locale.ROOT);
        return Rational.of(BigDecimal.valueOf(UNITS.containsKey(word) ? UNITS.get(word) : TEENS.get(word)));
    }
}
