package io.sparkdistill.student.program;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an expression into the only tokens a program may hold: unsigned decimal literals, references ({@code N0}
 * for the question's first number, {@code S0} for the first step's result), the four operators and parentheses.
 * Everything else is refused here, before any parsing, so identifiers, calls and exponents never reach evaluation.
 */
public final class ArithmeticTokens {
    /** Longest expression read: a worked step is a few dozen characters; anything far longer is not one. */
    static final int MAX_LENGTH = 500;
    /** Most digits in one literal, so a literal cannot be a number of unbounded size. */
    static final int MAX_DIGITS = 30;

    /** What a token is. */
    public enum Kind { NUMBER, REFERENCE, OPERATOR, OPEN, CLOSE }

    /** One token and its text ("12.5", "N3", "*", "("). */
    public record Token(Kind kind, String text) {
    }

    private ArithmeticTokens() {
    }

    /** The tokens of {@code expression}; white space between them is ignored. */
    public static List<Token> of(String expression) {
        if (expression.length() > MAX_LENGTH) {
            throw new RefusedExpressionException("expression of " + expression.length() + " characters refused: at"
                    + " most " + MAX_LENGTH + " are read");
        }
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < expression.length()) {
            char c = expression.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isDigit(c) || c == '.') {
                int end = literalEnd(expression, i);
                tokens.add(new Token(Kind.NUMBER, expression.substring(i, end)));
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i;
                while (end < expression.length() && (Character.isLetterOrDigit(expression.charAt(end))
                        || expression.charAt(end) == '_')) {
                    end++;
                }
                String word = expression.substring(i, end);
                if (!word.matches("[NS]\\d{1,3}")) {
                    boolean call = expression.substring(end).stripLeading().startsWith("(");
                    throw new RefusedExpressionException((call ? "function call '" + word + "(...)'"
                            : "identifier '" + word + "'") + " refused: only numbers, + - * /, parentheses and "
                            + "references N0.. S0.. are allowed");
                }
                tokens.add(new Token(Kind.REFERENCE, word));
                i = end;
            } else if (c == '*' && i + 1 < expression.length() && expression.charAt(i + 1) == '*' || c == '^') {
                throw new RefusedExpressionException("exponent refused at character " + i + ": only + - * / are "
                        + "allowed");
            } else if ("+-*/".indexOf(c) >= 0) {
                tokens.add(new Token(Kind.OPERATOR, String.valueOf(c)));
                i++;
            } else if (c == '(' || c == ')') {
                tokens.add(new Token(c == '(' ? Kind.OPEN : Kind.CLOSE, String.valueOf(c)));
                i++;
            } else {
                throw new RefusedExpressionException("character '" + c + "' at " + i + " refused: only numbers, "
                        + "+ - * /, parentheses and references N0.. S0.. are allowed");
            }
        }
        return tokens;
    }

    /** The end of the literal starting at {@code start}: digits with at most one decimal point. */
    private static int literalEnd(String text, int start) {
        int end = start;
        int digits = 0;
        boolean point = false;
        while (end < text.length()) {
            char c = text.charAt(end);
            if (Character.isDigit(c)) {
                digits++;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
            end++;
        }
        if (digits == 0) {
            throw new RefusedExpressionException("'" + text.substring(start, end) + "' at " + start
                    + " is not a number");
        }
        if (digits > MAX_DIGITS) {
            throw new RefusedExpressionException("number of " + digits + " digits at " + start + " refused: at most "
                    + MAX_DIGITS + " are read");
        }
        if (end < text.length() && Character.isLetter(text.charAt(end))) {
            throw new RefusedExpressionException("'" + text.substring(start, end + 1) + "...' at " + start
                    + " refused: a number glued to letters (exponent or identifier) is not arithmetic");
        }
        return end;
    }
}
