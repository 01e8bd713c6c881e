package io.sparkdistill.student.program;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The extractor reads the program a worked solution ran, with the question's numbers as references, from its
 * annotations or from the equations of its text, and says why when a solution has no program reproducing its answer.
 */
class ProgramExtractorTest {

    private static String shape(String question, String solution) {
        ProgramExtraction extraction = ProgramExtractor.extract(question, solution);
        assertNull(extraction.reason(), "unexpected refusal");
        return extraction.program().shape();
    }

    @Test
    void anAnnotatedSolutionBecomesReferencesToTheQuestionsNumbersAndEarlierResults() {
        String question = "A farm has 1,200 hens and 15% of them are brown. How many hens are not brown?";
        String solution = "Brown hens: 1200 * 15 / 100 = <<1200*15/100=180>>180.\n"
                + "Not brown: 1200 - 180 = <<1200-180=1020>>1020.\n#### 1020";
        assertEquals("N0*N1/100 ; N0-S0", shape(question, solution));
    }

    @Test
    void aSolutionWithoutAnnotationsIsReadFromTheEquationsOfItsText() {
        String question = "Tom buys 3 shirts at $12 each and pays with a $50 note. What change does he get?";
        String solution = "The shirts cost 3 × $12 = $36. His change is $50 − $36 = $14.\nThe answer is 14.";
        assertEquals("N0*N1 ; N2-S0", shape(question, solution));
    }

    @Test
    void writtenPercentagesAndChainedEquationsAreReadAsSteps() {
        String question = "A school has 1,110 students and 20% of them walk. The rest take 3 buses. How many per bus?";
        String solution = "20% of 1,110 = 222 walk, so 1,110 - 222 = 888 ride and 888 / 3 = 296 each.\n#### 296";
        assertEquals("N1/100*N0 ; N0-S0 ; S1/N2", shape(question, solution));
        assertEquals("N0*N1 ; S0+N2", shape("Buy 4 pens at $5 and a $12 bag.", "4 * 5 = 20 + 12 = 32\n#### 32"));
    }

    @Test
    void repeatedNumbersAreReadAsDistinctPositionsAndUnknownOnesAsConstants() {
        String question = "Mia buys 4 pots for $4 each. A film lasts 2 hours. How many minutes in all, plus the pots?";
        String solution = "<<4*4=16>> <<2*60=120>> <<120+16=136>>\n#### 136";
        assertEquals("N0*N1 ; N2*60 ; S1+S0", shape(question, solution));
    }

    @Test
    void stepsTheAnswerDoesNotDependOnAreLeftOut() {
        String question = "Ann has 30 apples and eats 6. How many are left?";
        String solution = "She has 30 * 2 = <<30*2=60>>60 halves, but that does not matter.\n"
                + "30 - 6 = <<30-6=24>>24.\n#### 24";
        assertEquals("N0-N1", shape(question, solution));
    }

    @Test
    void questionNumbersAreNormalisedFromHowPeopleWriteThem() {
        QuestionNumbers numbers = QuestionNumbers.of(
                "It costs $1,250.50, 20% is off, twenty-five people and a dozen eggs come, twice.");
        assertEquals(List.of("1250.5", "20", "25", "12", "2"),
                numbers.values().stream().map(Rational::toString).toList());
        assertTrue(numbers.markedText().contains("N1  percent"), numbers.markedText());
    }

    @Test
    void aSolutionWhoseStepsNeverReachItsFinalAnswerIsRefusedWithThatReason() {
        ProgramExtraction extraction = ProgramExtractor.extract("Ann has 30 apples and eats 6. How many are left?",
                "30 - 6 = <<30-6=24>>24 apples.\n#### 42");
        assertEquals("no arithmetic program reproduces the final answer 42", extraction.reason());
    }

    @Test
    void aStepWithAWrongClaimedResultIsRefusedWithThatReason() {
        ProgramExtraction extraction = ProgramExtractor.extract("Ann has 30 apples and eats 6. How many are left?",
                "30 - 6 = <<30-6=25>>25 apples.\n#### 25");
        assertEquals("step 1 claims 30-6 = 25, but it is 24", extraction.reason());
    }

    @Test
    void aSolutionWithoutCalculationsOrWithoutANumberIsRefused() {
        assertEquals("no arithmetic program reproduces the final answer 24 (the solution shows no calculation)",
                ProgramExtractor.extract("Ann has 30 apples and eats 6.", "She has 24 left.").reason());
        assertEquals("the solution states no final number",
                ProgramExtractor.extract("Ann has 30 apples and eats 6.", "I do not know.").reason());
    }

    @Test
    void anAnnotationThatIsNotArithmeticIsRefusedWithTheEvaluatorsReason() {
        ProgramExtraction extraction = ProgramExtractor.extract("Ann has 30 apples.",
                "<<pow(30,2)=900>>\n#### 900");
        assertTrue(extraction.reason().startsWith("step 1 'pow(30,2)=900' is not arithmetic: function call"),
                extraction.reason());
    }
}
