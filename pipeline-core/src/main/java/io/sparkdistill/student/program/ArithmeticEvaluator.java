package io.sparkdistill.student.program;

import io.sparkdistill.student.program.ArithmeticTokens.Kind;
import io.sparkdistill.student.program.ArithmeticTokens.Token;

import java.util.List;

/**
 * Evaluates one step of a program, exactly: numbers, {@code + - * /}, unary minus, parentheses and references to the
 * question's numbers ({@code N0}, {@code N1}, ...) and to earlier steps' results ({@code S0}, ...).
 *
 * <p>Safe by construction, because what it runs comes from a teacher model or a student's guess: there is no
 * identifier, call or exponent in its grammar ({@link ArithmeticTokens} refuses them), nesting and the size of
 * numbers are bounded so no input can make it run long or build a huge number, and a division by zero or a
 * reference to a number that does not exist is refused. Every refusal is a {@link RefusedExpressionException}.
 *
 * <p>Grammar: {@code sum := product (('+'|'-') product)*}, {@code product := unary (('*'|'/') unary)*},
 * {@code unary := '-' unary | NUMBER | REFERENCE | '(' sum ')'}.
 */
public final class ArithmeticEvaluator {
    /** Deepest nesting of parentheses and unary minus. */
    static final int MAX_DEPTH = 32;
    /** Largest numerator or denominator, in bits (about 300 decimal digits): far beyond any worked answer. */
    static final int MAX_BITS = 1000;

    private ArithmeticEvaluator() {
    }

    /** Plain arithmetic, without references. */
    public static Rational evaluate(String expression) {
        return evaluate(expression, List.of(), List.of());
    }

    /**
     * @param questionNumbers what {@code N0}, {@code N1}, ... stand for
     * @param stepResults     what {@code S0}, {@code S1}, ... stand for
     */
    public static Rational evaluate(String expression, List<Rational> questionNumbers, List<Rational> stepResults) {
        return evaluate(ArithmeticTokens.of(expression), questionNumbers, stepResults, expression);
    }

    /** The same for an expression already split into tokens. */
    public static Rational evaluate(List<Token> tokens, List<Rational> questionNumbers, List<Rational> stepResults,
                                    String expression) {
        if (tokens.isEmpty()) {
            throw new RefusedExpressionException("empty expression refused");
        }
        Parser parser = new Parser(tokens, questionNumbers, stepResults, expression);
        Rational value = parser.sum(0);
        if (parser.position < tokens.size()) {
            throw new RefusedExpressionException("unexpected '" + tokens.get(parser.position).text() + "' in '"
                    + expression + "'");
        }
        return value;
    }

    /** Reads tokens left to right, one method per grammar rule. */
    private static final class Parser {
        private final List<Token> tokens;
        private final List<Rational> questionNumbers;
        private final List<Rational> stepResults;
        private final String expression;
        private int position;

        private Parser(List<Token> tokens, List<Rational> questionNumbers, List<Rational> stepResults,
                       String expression) {
            this.tokens = tokens;
            this.questionNumbers = questionNumbers;
            this.stepResults = stepResults;
            this.expression = expression;
        }

        private Rational sum(int depth) {
            Rational value = product(depth);
            while (nextIs(Kind.OPERATOR, "+") || nextIs(Kind.OPERATOR, "-")) {
                String operator = tokens.get(position++).text();
                Rational right = product(depth);
                value = bounded(operator.equals("+") ? value.plus(right) : value.minus(right));
            }
            return value;
        }

        private Rational product(int depth) {
            Rational value = unary(depth);
            while (nextIs(Kind.OPERATOR, "*") || nextIs(Kind.OPERATOR, "/")) {
                String operator = tokens.get(position++).text();
                Rational right = unary(depth);
                if (operator.equals("/") && right.signum() == 0) {
                    throw new RefusedExpressionException("division by zero in '" + expression + "'");
                }
                value = bounded(operator.equals("*") ? value.times(right) : value.dividedBy(right));
            }
            return value;
        }

        private Rational unary(int depth) {
            if (depth > MAX_DEPTH) {
                throw new RefusedExpressionException("expression nested deeper than " + MAX_DEPTH + " refused");
            }
            if (position >= tokens.size()) {
                throw new RefusedExpressionException("'" + expression + "' ends where a number was expected");
            }
            Token token = tokens.get(position++);
            switch (token.kind()) {
                case NUMBER:
                    return Rational.parse(token.text());
                case REFERENCE:
                    return reference(token.text());
                case OPEN: {
                    Rational inner = sum(depth + 1);
                    if (!nextIs(Kind.CLOSE, ")")) {
                        throw new RefusedExpressionException("unbalanced parenthesis in '" + expression + "'");
                    }
                    position++;
                    return inner;
                }
                default:
                    if (token.text().equals("-")) {
                        return unary(depth + 1).negate();
                    }
                    throw new RefusedExpressionException("unexpected '" + token.text() + "' in '" + expression
                            + "'");
            }
        }

        private Rational reference(String name) {
            List<Rational> values = name.charAt(0) == 'N' ? questionNumbers : stepResults;
            int index = Integer.parseInt(name.substring(1));
            if (index >= values.size()) {
                throw new RefusedExpressionException("reference " + name + " refused: there " + (values.size() == 1
                        ? "is 1 " : "are " + values.size() + " ") + (name.charAt(0) == 'N' ? "question number(s)"
                        : "earlier step(s)"));
            }
            return values.get(index);
        }

        private boolean nextIs(Kind kind, String text) {
            return position < tokens.size() && tokens.get(position).kind() == kind
                    && tokens.get(position).text().equals(text);
        }

        private Rational bounded(Rational value) {
            if (value.bitLength() > MAX_BITS) {
                throw new RefusedExpressionException("'" + expression + "' refused: its value grows beyond "
                        + MAX_BITS + " bits");
            }
            return value;
        }
    }
}
