package io.sparkdistill.student.summary;

import io.sparkdistill.ingest.TaskType;
import io.sparkdistill.evaluate.baseline.LeadSentences;
import io.sparkdistill.student.text.Answerer;
import io.sparkdistill.student.text.TextExample;
import io.sparkdistill.task.TaskStrategies;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The extractive student on a real data set in the documented summarisation format, beside the lead-1 baseline:
 * the sample data are generated, and a real set (short synopses of longer descriptions, say) shows whether what the
 * family learns generalises. Runs only when {@code -Dsummary.realData=<folder with train/validation/test.jsonl>} is
 * given, since the data do not ship with the sources; {@code summary.trainRows} caps the training rows (1,500 by
 * default), {@code summary.seed} sets the seed (7 by default). As in the train stage, the trained network and
 * the first-sentence rule compete on the validation split.
 */
class RealDataMeasurementTest {

    @Test
    void theStudentTrainedOnARealDataSetBeatsLeadOneOnItsTestSplit() {
        String folder = System.getProperty("summary.realData");
        assumeTrue(folder != null, "no -Dsummary.realData folder given");
        List<TextExample> train = SummaryTraining.samples(Path.of(folder), "train");
        train = train.subList(0, Math.min(train.size(), Integer.getInteger("summary.trainRows", 1500)));
        List<TextExample> test = SummaryTraining.samples(Path.of(folder), "test");
        long start = System.nanoTime();
        ExtractiveStudent student = SummaryTraining.bestOnValidation(SummaryTraining.train(train,
                SummaryTraining.settings(Integer.getInteger("summary.epochs", 10),
                        Long.getLong("summary.seed", 7L))),
                SummaryTraining.samples(Path.of(folder), "validation"));
        double seconds = (System.nanoTime() - start) / 1e9;

        Map<String, Double> scores = metrics(student.newAnswerer(), test);
        Map<String, Double> lead1 = metrics(new LeadSentences(1).fit(train), test);
        System.out.printf("real data %s: trained on %d rows in %.1f s, word limit %d, cut at %d words, %d opening"
                        + " words learnt, answering by %s%n", folder, train.size(), seconds,
                student.prepared().wordLimit(), student.prepared().wordBudget(),
                student.prepared().openingCut().gains().size(), student.card().settings().get("sentence_choice"));
        System.out.println("  student " + scores);
        System.out.println("  lead-1  " + lead1);
        assertTrue(scores.get("rougeL") > lead1.get("rougeL"), "ROUGE-L " + scores + " vs lead-1 " + lead1);
    }

    private static Map<String, Double> metrics(Answerer answerer, List<TextExample> test) {
        List<String> predictions = new ArrayList<>();
        test.forEach(example -> predictions.add(answerer.answer(example.inputs()).text()));
        return TaskStrategies.text(TaskType.SUMMARISATION).metrics(predictions, SummaryTraining.references(test));
    }
}
