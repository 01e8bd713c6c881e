package io.sparkdistill.student.program;

import io.sparkdistill.student.program.ArithmeticTokens.Kind;
import io.sparkdistill.student.program.ArithmeticTokens.Token;

import java.util.List;

/**
 * Writes a program run on a question's numbers as a short GSM8K-style worked solution, one line per step with its
 * calculator annotation, ending in {@code #### answer} so that the final number is read the way the gold is.
 */
public final class WorkedSolution {
    private WorkedSolution() {
    }

    /**
     * @param results the program's step results on {@code questionNumbers} ({@link ArithmeticProgram#run})
     */
    public static String render(ArithmeticProgram program, List<Rational> questionNumbers, List<Rational> results) {
        StringBuilder text = new StringBuilder();
        for (int s = 0; s < program.steps().size(); s++) {
            String expression = withNumbers(program.steps().get(s), questionNumbers, results);
            text.append("Step ").append(s + 1).append(": ").append(spaced(expression)).append(" = <<")
                    .append(expression).append('=').append(results.get(s)).append(">>").append(results.get(s))
                    .append('\n');
        }
        return text.append("#### ").append(results.get(results.size() - 1)).toString();
    }

    /** The step with every reference replaced by its value (fractions bracketed, so precedence is unchanged). */
    private static String withNumbers(String step, List<Rational> questionNumbers, List<Rational> results) {
        StringBuilder out = new StringBuilder();
        for (Token token : ArithmeticTokens.of(step)) {
            if (token.kind() == Kind.REFERENCE) {
                List<Rational> values = token.text().charAt(0) == 'N' ? questionNumbers : results;
                String value = values.get(Integer.parseInt(token.text().substring(1))).toString();
                out.append(value.contains("/") || value.startsWith("-") ? "(" + value + ")" : value);
            } else {
                out.append(token.text());
            }
        }
        return out.toString();
    }

    private static String spaced(String expression) {
        return expression.replaceAll("(?<=[\\d)])([-+*/])", " $1 ");
    }
}
