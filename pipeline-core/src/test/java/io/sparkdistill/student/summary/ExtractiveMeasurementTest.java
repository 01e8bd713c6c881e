package io.sparkdistill.student.summary;

import io.sparkdistill.evaluate.text.RougeScorer;
import io.sparkdistill.student.text.Answerer;
import io.sparkdistill.student.text.TextExample;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The figures of the extractive student on the sample data: trained on the train split's gold summaries, it
 * summarises the test split; ROUGE-1/2/L and the median latency per document are printed beside the lead-1 and
 * lead-3 baselines, and the student must beat lead-3.
 */
@Tag("slow")
class ExtractiveMeasurementTest {

    @Test
    void theStudentTrainedOnTheSampleSummariesBeatsLeadThreeOnTheTestSplit() {
        List<TextExample> train = SummaryTraining.samples("train");
        List<TextExample> test = SummaryTraining.samples(System.getProperty("summary.split", "test"));
        long start = System.nanoTime();
        ExtractiveStudent student = SummaryTraining.train(train, SummaryTraining.settings(
                Integer.getInteger("summary.epochs", 10)));
        double trainingSeconds = (System.nanoTime() - start) / 1e9;

        Answerer answerer = student.newAnswerer();
        for (int warmUp = 0; warmUp < 25; warmUp++) {
            test.forEach(example -> answerer.answer(example.inputs()));
        }
        List<String> predictions = new ArrayList<>();
        long[] nanos = new long[test.size()];
        for (int i = 0; i < test.size(); i++) {
            long before = System.nanoTime();
            predictions.add(answerer.answer(test.get(i).inputs()).text());
            nanos[i] = System.nanoTime() - before;
        }
        Arrays.sort(nanos);
        double p50 = nanos[nanos.length / 2] / 1e6;

        List<List<String>> references = SummaryTraining.references(test);
        RougeScorer.Scores scores = RougeScorer.score(predictions, references);
        RougeScorer.Scores lead1 = RougeScorer.score(SummaryTraining.lead(test, 1), references);
        RougeScorer.Scores lead3 = RougeScorer.score(SummaryTraining.lead(test, 3), references);
        System.out.printf("extractive summaries of %d test documents (trained on %d in %.1f s, %d parameters, cut %d, "
                        + "word limit %d)%n", test.size(), train.size(), trainingSeconds, student.parameterCount(),
                student.prepared().wordBudget(), student.prepared().wordLimit());
        print("student", scores);
        print("lead-1", lead1);
        print("lead-3", lead3);
        System.out.printf("latency p50 %.3f ms per document, one thread%n", p50);
        for (int i = 0; i < 3; i++) {
            System.out.println("  >> " + predictions.get(i) + "\n  == " + test.get(i).target());
        }

        assertTrue(scores.rougeL() > lead3.rougeL(), "ROUGE-L " + scores.rougeL() + " vs lead-3 " + lead3.rougeL());
    }

    private static void print(String name, RougeScorer.Scores scores) {
        System.out.printf("  %-8s ROUGE-1 %.3f  ROUGE-2 %.3f  ROUGE-L %.3f%n", name, scores.rouge1(), scores.rouge2(),
                scores.rougeL());
    }
}
