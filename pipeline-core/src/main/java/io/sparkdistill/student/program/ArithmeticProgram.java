package io.sparkdistill.student.program;

import io.sparkdistill.student.program.ArithmeticTokens.Kind;
import io.sparkdistill.student.program.ArithmeticTokens.Token;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a worked solution computes, with the numbers taken out: steps whose operands are the question's numbers by
 * position ({@code N0}), earlier steps' results ({@code S0}) or constants ({@code 100}). The last step's result is
 * the answer. Its {@link #shape} ({@code "N0*N1/100 ; N0-S0"}) is what the student predicts: one shape solves every
 * question worded alike.
 *
 * @param steps each step's expression in reference form, without spaces
 */
public record ArithmeticProgram(List<String> steps) implements Serializable {
    /** Between the steps of a shape. */
    public static final String SEPARATOR = " ; ";

    public ArithmeticProgram {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a program needs at least one step");
        }
        steps = List.copyOf(steps);
    }

    /** The program a shape spells, its steps checked to be arithmetic. */
    public static ArithmeticProgram parse(String shape) {
        List<String> steps = new ArrayList<>();
        for (String step : shape.split(SEPARATOR.strip())) {
            ArithmeticTokens.of(step);
            steps.add(step.strip());
        }
        return new ArithmeticProgram(steps);
    }

    /** The steps joined, as the student's output class is named. */
    public String shape() {
        return String.join(SEPARATOR, steps);
    }

    /**
     * Each step's result, in order, for a question with these numbers.
     *
     * @throws RefusedExpressionException when a step divides by zero, refers to a number the question does not
     *                                    have, or grows too large
     */
    public List<Rational> run(List<Rational> questionNumbers) {
        List<Rational> results = new ArrayList<>(steps.size());
        for (String step : steps) {
            results.add(ArithmeticEvaluator.evaluate(step, questionNumbers, results));
        }
        return results;
    }

    /** The answer for a question with these numbers: the last step's result. */
    public Rational answer(List<Rational> questionNumbers) {
        List<Rational> results = run(questionNumbers);
        return results.get(results.size() - 1);
    }

    /** How many numbers a question needs for this program: one more than the highest {@code N} referenced. */
    public int questionNumbersNeeded() {
        int needed = 0;
        for (String step : steps) {
            for (Token token : ArithmeticTokens.of(step)) {
                if (token.kind() == Kind.REFERENCE && token.text().charAt(0) == 'N') {
                    needed = Math.max(needed, Integer.parseInt(token.text().substring(1)) + 1);
                }
            }
        }
        return needed;
    }

    /** The constants the steps use, as written ("100", "60"). */
    public Set<String> constants() {
        Set<String> constants = new LinkedHashSet<>();
        for (String step : steps) {
            for (Token token : ArithmeticTokens.of(step)) {
                if (token.kind() == Kind.NUMBER) {
                    constants.add(token.text());
                }
            }
        }
        return constants;
    }
}
