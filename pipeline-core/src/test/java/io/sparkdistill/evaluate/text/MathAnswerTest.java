package io.sparkdistill.evaluate.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** No reference implementation exists for final-answer extraction: these values follow the rules in the Javadoc. */
class MathAnswerTest {

    @Test
    void readsTheGsm8kMarkerFirst() {
        assertEquals(Optional.of("72"), MathAnswer.extract(
                "Natalia sold 48/2 = 24 clips in May.\nNatalia sold 48+24 = 72 clips.\n#### 72"));
        assertEquals(Optional.of("1000"), MathAnswer.extract("so 10 * 100 = 1000\n#### 1,000 dollars"));
    }

    @Test
    void readsTheLastBoxedAnswerWithNestedBraces() {
        assertEquals(Optional.of("0.75"), MathAnswer.extract("First \\boxed{2}, finally $\\boxed{\\frac{3}{4}}$."));
        assertEquals(Optional.of("-0.5"), MathAnswer.extract("\\boxed{-\\dfrac{1}{2}}"));
        assertEquals(Optional.of("5"), MathAnswer.extract("\\boxed{x = 5}"));
        assertEquals(Optional.of("1/3"), MathAnswer.extract("\\boxed{1/3}"));
    }

    @Test
    void readsTheStatedAnswerThenTheLastNumber() {
        assertEquals(Optional.of("1000"), MathAnswer.extract("The answer is 1,000. We checked 3 times."));
        assertEquals(Optional.of("18"), MathAnswer.extract("Answer: $18 per day"));
        assertEquals(Optional.of("42"), MathAnswer.extract("She had 7 boxes of 6, so 42 eggs."));
        assertEquals(Optional.empty(), MathAnswer.extract("I do not know."));
        assertEquals(Optional.empty(), MathAnswer.extract(""));
    }

    @Test
    void equalNumbersHaveOneCanonicalForm() {
        for (String thousand : List.of("1000", "1,000", "1000.0", "1e3", "1.000E+3")) {
            assertEquals(Optional.of("1000"), MathAnswer.canonical(thousand), thousand);
        }
        assertEquals(Optional.of("0.75"), MathAnswer.canonical("3/4"));
        assertEquals(Optional.of("0.75"), MathAnswer.canonical(".75"));
        assertEquals(Optional.of("2/3"), MathAnswer.canonical("4/6"));
        assertEquals(Optional.of("-12.5"), MathAnswer.canonical("-12.50"));
        assertEquals(Optional.of("0"), MathAnswer.canonical("-0"));
        assertEquals(Optional.empty(), MathAnswer.canonical("1/0"));
        assertEquals(Optional.empty(), MathAnswer.canonical("twelve"));
        assertEquals(Optional.empty(), MathAnswer.canonical("1e999999999"));
    }

    @Test
    void signsHyphensAndSeparators() {
        assertEquals(Optional.of("4"), MathAnswer.extract("pages 3-4"));
        assertEquals(Optional.of("-4"), MathAnswer.extract("the temperature fell to -4"));
        assertEquals(Optional.of("3"), MathAnswer.extract("the list 1,2,3"));
        assertEquals(Optional.of("50"), MathAnswer.extract("a 50% discount"));
        assertEquals(Optional.of("7"), MathAnswer.extract("x2 plus 7"));
    }

    @Test
    void exactMatchComparesNumbersNotStrings() {
        assertEquals(1.0, MathAnswer.exactMatch("The answer is 1000.0", List.of("#### 1,000")));
        assertEquals(1.0, MathAnswer.exactMatch("\\boxed{0.75}", List.of("3/4")));
        assertEquals(0.0, MathAnswer.exactMatch("The answer is 999", List.of("#### 1000")));
        assertEquals(0.0, MathAnswer.exactMatch("", List.of("#### 1000")));
        assertEquals(1.0, MathAnswer.exactMatch("12", List.of("13", "12")));
        assertEquals(50.0, MathAnswer.exactMatch(List.of("#### 5", "6"), List.of(List.of("5"), List.of("7"))), 1e-12);
    }

    @Test
    void aReferenceWithoutANumberIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MathAnswer.exactMatch("5", List.of("five")));
        assertTrue(e.getMessage().contains("five"), e.getMessage());
    }
}
