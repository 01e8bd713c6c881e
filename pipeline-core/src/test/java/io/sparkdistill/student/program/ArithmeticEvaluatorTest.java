package io.sparkdistill.student.program;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The evaluator computes arithmetic exactly and refuses everything that is not arithmetic, saying what. */
class ArithmeticEvaluatorTest {

    private static String value(String expression) {
        return ArithmeticEvaluator.evaluate(expression).toString();
    }

    private static String refusal(String expression) {
        return assertThrows(RefusedExpressionException.class,
                () -> ArithmeticEvaluator.evaluate(expression, List.of(Rational.parse("3")), List.of()))
                .getMessage();
    }

    @Test
    void computesWithPrecedenceParenthesesAndUnaryMinus() {
        assertEquals("14", value("2+3*4"));
        assertEquals("20", value("(2+3)*4"));
        assertEquals("-2", value("-(1+1)"));
        assertEquals("7", value("10 - -3 - 6"));
        assertEquals("2.5", value("10/4"));
    }

    @Test
    void computesExactlyWhereBinaryFloatingPointWouldNot() {
        assertEquals("0.3", value("0.1+0.2"));
        assertEquals("20", value("2/3*30"));
        assertEquals("1/3", value("1/3"));
        assertEquals("0.5", value(".5"));
    }

    @Test
    void readsReferencesToTheQuestionsNumbersAndEarlierResults() {
        List<Rational> numbers = List.of(Rational.parse("1110"), Rational.parse("20"));
        List<Rational> results = List.of(Rational.parse("222"));
        assertEquals("888", ArithmeticEvaluator.evaluate("N0-S0", numbers, results).toString());
        assertEquals("222", ArithmeticEvaluator.evaluate("N0*N1/100", numbers, List.of()).toString());
    }

    @Test
    void refusesIdentifiersFunctionCallsAndExponents() {
        assertTrue(refusal("x+1").startsWith("identifier 'x' refused"));
        assertTrue(refusal("__import__('os')").startsWith("function call '__import__(...)' refused"));
        assertTrue(refusal("abs (3)").startsWith("function call 'abs(...)' refused"));
        assertTrue(refusal("2**10").startsWith("exponent refused"));
        assertTrue(refusal("2^10").startsWith("exponent refused"));
        assertTrue(refusal("1e9").contains("glued to letters"));
        assertTrue(refusal("3 % 2").startsWith("character '%'"));
        assertTrue(refusal("1;2").startsWith("character ';'"));
    }

    @Test
    void refusesDivisionByZeroAndMissingReferences() {
        assertEquals("division by zero in '5/(3-3)'", refusal("5/(3-3)"));
        assertTrue(refusal("N1+1").startsWith("reference N1 refused: there is 1 question number"));
        assertTrue(refusal("S0*2").startsWith("reference S0 refused"));
    }

    @Test
    void refusesMalformedExpressions() {
        assertEquals("empty expression refused", refusal(" "));
        assertTrue(refusal("(1+2").startsWith("unbalanced parenthesis"));
        assertTrue(refusal("1+2)").startsWith("unexpected ')'"));
        assertTrue(refusal("1+").contains("ends where a number was expected"));
        assertTrue(refusal("1 2").startsWith("unexpected '2'"));
    }

    @Test
    void refusesHugeInputsBeforeTheyCostTimeOrMemory() {
        assertTrue(refusal("1".repeat(31)).startsWith("number of 31 digits"));
        assertTrue(refusal("1+".repeat(300) + "1").startsWith("expression of 601 characters refused"));
        assertTrue(refusal("(".repeat(40) + "1" + ")".repeat(40)).contains("nested deeper"));
        String growing = "999999999999999999999999999999" + "*999999999999999999999999999999".repeat(12);
        assertTrue(refusal(growing).contains("grows beyond"));
    }
}
