package io.sparkdistill.evaluate.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sparkdistill.student.text.Answerer;
import io.sparkdistill.student.text.TextExample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MostFrequentAnswerTest {

    private static TextExample solved(String solution) {
        return TextExample.of(Map.of("question", "How many?"), solution, List.of(solution));
    }

    private static String answer(List<TextExample> training, String question) {
        return new MostFrequentAnswer().fit(training).answer(Map.of("question", question)).text();
    }

    @Test
    void answersEveryQuestionWithTheMostFrequentFinalNumberOfTheTrainingAnswers() {
        List<TextExample> training = List.of(solved("2 + 2 = 4\n#### 4"), solved("3 * 4 = 12\n#### 12"),
                solved("6 * 2 = 12\n#### 12"), solved("1 + 6 = 7\n#### 7"));
        assertEquals("#### 12", answer(training, "How many eggs?"));
        assertEquals("#### 12", answer(training, "How far is it?"));
    }

    @Test
    void countsNumbersByValueWhateverTheirWriting() {
        List<TextExample> training = List.of(solved("#### 7"), solved("#### 1,000"), solved("The answer is 1000.0"),
                solved("#### 7"), solved("\\boxed{1000}"));
        assertEquals("#### 1000", answer(training, "?"));
    }

    @Test
    void learnsFromTheGoldReferenceNotATeachersTarget() {
        TextExample taughtWrong = new TextExample(Map.of("question", "?"), "#### 99", List.of("#### 99"),
                List.of("#### 5"));
        assertEquals("#### 5", answer(List.of(taughtWrong, solved("#### 99 is wrong, #### 5")), "?"));
    }

    @Test
    void onATieTakesTheNumberThatReachedTheCountFirst() {
        assertEquals("#### 3", answer(List.of(solved("#### 8"), solved("#### 3"), solved("#### 3"),
                solved("#### 8")), "?"));
    }

    @Test
    void refusesTrainingAnswersWithoutANumber() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MostFrequentAnswer().fit(List.of(solved("no idea"))));
        assertEquals("none of the 1 training answers holds a final number to count", e.getMessage());
    }

    @Test
    void theFittedRuleSurvivesJavaSerialisation() throws Exception {
        Answerer copy = Serialisation.roundTrip(new MostFrequentAnswer().fit(List.of(solved("#### 42"))));
        assertEquals("#### 42", copy.answer(Map.of("question", "?")).text());
    }
}
