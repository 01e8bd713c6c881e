package io.sparkdistill.student.qa;

import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.StudentConfig;
import io.sparkdistill.evaluate.text.SquadMetrics;
import io.sparkdistill.student.text.Answerer;
import io.sparkdistill.student.text.FamilySettings;
import io.sparkdistill.student.text.TextExample;
import io.sparkdistill.student.text.TextStudent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The extractive student trained with the job's default sizes and hyperparameters on the sample qa train split's
 * gold answers, measured on its test split: SQuAD F1 and exact match, and the median time to answer one example on
 * one thread. The trivial baseline (the words of the context sentence sharing most words with the question) scores
 * F1 30.6 there; the acceptance target is 85.
 */
@Tag("slow")
class ExtractiveSampleMeasurementTest {
    private static final int WARM_UP_PASSES = 5;

    @Test
    void theStudentTrainedOnTheSampleTrainSplitAnswersItsTestSplitFarAboveTheTrivialBaseline() {
        long started = System.nanoTime();
        TextStudent student = LocalTraining.train(QaSamples.split("train"),
                new FamilySettings(StudentConfig.defaults(), Hyperparameters.defaults()));
        double trainingSeconds = (System.nanoTime() - started) / 1e9;

        List<TextExample> test = QaSamples.split("test");
        Answerer answerer = student.newAnswerer();
        for (int pass = 0; pass < WARM_UP_PASSES; pass++) {
            test.forEach(example -> answerer.answer(example.inputs()));
        }
        List<String> predictions = new ArrayList<>();
        long[] nanos = new long[test.size()];
        for (int i = 0; i < test.size(); i++) {
            long start = System.nanoTime();
            predictions.add(answerer.answer(test.get(i).inputs()).text());
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        SquadMetrics.Scores scores = SquadMetrics.score(predictions,
                test.stream().map(TextExample::references).toList());
        System.out.printf("extractive qa, data-samples/qa test split: F1 %.1f, EM %.1f, latency p50 %.3f ms, "
                        + "%d parameters, trained in %.1f s (teacher vectors and features included)%n",
                scores.f1(), scores.exactMatch(), nanos[nanos.length / 2] / 1e6, student.parameterCount(),
                trainingSeconds);
        assertTrue(scores.f1() >= 85, "F1 " + scores.f1() + ": the target is 85, the trivial baseline 30.6");
    }
}
