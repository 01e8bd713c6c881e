package io.sparkdistill.evaluate.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkdistill.task.TaskStrategies;
import io.sparkdistill.ingest.TaskType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each trivial baseline fitted on the sample data's training gold answers and scored on its test split: the bars the
 * issue reports a student must clear, reproduced within 1.5 points of the metric's 0-100 scale (0.015 of ROUGE's
 * 0-1 scale).
 */
class SampleDataBaselinesTest {

    private static Map<String, Double> measured(TaskType task, TrivialBaseline baseline) {
        TrivialBaselineScores scores = TrivialBaselineScores.measure(baseline, SampleData.examples(task, "train"),
                SampleData.examples(task, "test"), (p, r) -> TaskStrategies.text(task).metrics(p, r));
        System.out.println(task.configName() + ", " + scores.description() + ": " + scores.quality());
        return scores.quality();
    }

    @Test
    void leadThreeSummariesScoreTheIssuesRougeL() {
        assertEquals(0.383, measured(TaskType.SUMMARISATION, new LeadSentences(3)).get("rougeL"), 0.015);
    }

    @Test
    void theBestOverlappingSentenceScoresTheIssuesQaF1() {
        assertEquals(30.6, measured(TaskType.QA, new BestOverlapSentence()).get("f1"), 1.5);
    }

    @Test
    void theNearestConversationsReplyScoresTheIssuesChrfAndBleu() {
        Map<String, Double> quality = measured(TaskType.CONVERSATION, new NearestConversationReply());
        assertEquals(78.0, quality.get("chrf"), 1.5);
        assertEquals(70.4, quality.get("bleu"), 1.5);
    }

    @Test
    void theMostFrequentMathAnswerScoresTheIssuesExactMatch() {
        assertEquals(3.75, measured(TaskType.MATH, new MostFrequentAnswer()).get("exact_match"), 1.5);
    }
}
