package io.sparkdistill.evaluate.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdistill.task.TaskStrategies;
import io.sparkdistill.ingest.TaskType;
import io.sparkdistill.student.text.TextExample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrivialBaselineScoresTest {

    private static TextExample problem(String question, String solution) {
        return TextExample.of(Map.of("question", question), solution, List.of(solution));
    }

    @Test
    void measuresTheFittedRuleOnTheTestExamplesAgainstTheirReferences() {
        List<TextExample> training = List.of(problem("a", "#### 3"), problem("b", "#### 3"), problem("c", "#### 9"));
        List<TextExample> test = List.of(problem("d", "#### 3"), problem("e", "#### 4"), problem("f", "#### 5"),
                problem("g", "#### 3"));
        TrivialBaselineScores scores = TrivialBaselineScores.measure(new MostFrequentAnswer(), training, test,
                (p, r) -> TaskStrategies.text(TaskType.MATH).metrics(p, r));
        assertEquals("the most frequent final answer of the training examples", scores.description());
        assertEquals(Map.of("exact_match", 50.0), scores.quality());
    }

    @Test
    void givesAStudentsMarginOverItOnAMetric() {
        TrivialBaselineScores scores = new TrivialBaselineScores("lead-3", Map.of("rougeL", 0.38, "rouge1", 0.45));
        assertEquals(0.04, scores.margin("rougeL", 0.42), 1e-12);
        assertEquals(-0.05, scores.margin("rouge1", 0.40), 1e-12);
        assertTrue(Double.isNaN(scores.margin("f1", 70)), "a metric the baseline was not scored on");
    }

    @Test
    void needsADescriptionForTheReport() {
        assertThrows(IllegalArgumentException.class, () -> new TrivialBaselineScores(" ", Map.of()));
    }
}
