package io.sparkdistill.student.program;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The calculations a worked solution writes down, as (expression, claimed result) pairs in order: its GSM8K
 * calculator annotations {@code <<4*5=20>>} when it has any (they are exact and unambiguous), else the equations of
 * its text ({@code 4 × $5 = $20}), which a teacher writing without annotations still shows.
 *
 * <p>Written notation is turned into the evaluator's: thousands separators and currency signs go, "×", "x" between
 * numbers and "÷" become {@code *} and {@code /}, a Unicode minus becomes {@code -}, {@code 20%} becomes
 * {@code 20/100} (what a percent is) and "20% of 50" {@code 20/100 * 50}. A claimed result may start the next
 * equation, so a chain {@code 4 * 5 = 20 + 12 = 32} is two steps.
 */
final class WrittenSteps {
    /** One written calculation. */
    record Step(String expression, String claimed) {
    }

    private static final Pattern ANNOTATION = Pattern.compile("<<([^<>=]+)=([^<>=]+)>>");
    private static final String NUM = "(?:\\d+(?:\\.\\d+)?|\\.\\d+)";
    private static final String OPERAND = "\\(*\\s*-?\\s*" + NUM + "\\s*\\)*";
    private static final Pattern EQUATION = Pattern.compile("(" + OPERAND + "(?:\\s*[-+*/]\\s*" + OPERAND + ")+)"
            + "\\s*=\\s*(?=(-?" + NUM + "))");

    private WrittenSteps() {
    }

    static List<Step> of(String solution) {
        List<Step> steps = new ArrayList<>();
        Matcher annotation = ANNOTATION.matcher(solution);
        while (annotation.find()) {
            steps.add(new Step(notation(annotation.group(1)).strip(), notation(annotation.group(2)).strip()));
        }
        if (!steps.isEmpty()) {
            return steps;
        }
        Matcher equation = EQUATION.matcher(notation(solution));
        while (equation.find()) {
            steps.add(new Step(balanced(equation.group(1).strip()), equation.group(2)));
        }
        return steps;
    }

    /** Written arithmetic in the evaluator's notation. */
    static String notation(String text) {
        return text.replaceAll("(?<=\\d),(?=\\d{3}(?!\\d))", "")
                .replace("$", "")
                .replace('\u2212', '-')
                .replace('\u00f7', '/')
                .replaceAll("(?<=[\\d)])\\s*[x\u00d7\u22c5\u00b7]\\s*(?=[\\d(])", " * ")
                .replaceAll("(?<=\\d)\\s*%\\s+of\\s+(?=[\\d(])", "/100 * ")
                .replaceAll("(?<=\\d)\\s*%", "/100");
    }

    /** The expression without parentheses the regular expression caught on one side but not the other. */
    private static String balanced(String expression) {
        String e = expression;
        while (e.startsWith("(") && count(e, '(') > count(e, ')')) {
            e = e.substring(1).strip();
        }
        while (e.endsWith(")") && count(e, ')') > count(e, '(')) {
            e = e.substring(0, e.length() - 1).strip();
        }
        return e;
    }

    private static long count(String text, char c) {
        return text.chars().filter(x -> x == c).count();
    }
}
