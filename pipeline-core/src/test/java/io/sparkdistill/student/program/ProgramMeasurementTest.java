package io.sparkdistill.student.program;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.StudentConfig;
import io.sparkdistill.task.TaskStrategies;
import io.sparkdistill.ingest.TaskType;
import io.sparkdistill.student.text.Answerer;
import io.sparkdistill.student.text.FamilySettings;
import io.sparkdistill.student.text.TextExample;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The measurement the acceptance asks for, on the sample math data with the gold answers as the teacher's: train on
 * the train split with the default sizes and hyperparameters, then print the test split's exact match, the share of
 * training answers that became programs, the answer latency (p50 over single questions after a warm-up), the
 * parameters and the training time. Asserts only the quality floor, far above the trivial baseline (3.75).
 */
@Tag("slow")
class ProgramMeasurementTest {
    private static final Path DATA = Path.of("..", "data-samples", "math");

    private static List<TextExample> read(String split) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<TextExample> examples = new ArrayList<>();
        for (String line : Files.readAllLines(DATA.resolve(split + ".jsonl"))) {
            JsonNode row = json.readTree(line);
            String answer = row.get("answer").asText();
            examples.add(TextExample.of(ProgramTraining.question(row.get("question").asText()), answer,
                    List.of(answer)));
        }
        return examples;
    }

    @Test
    void theStudentTrainedOnTheSampleTrainSplitSolvesItsTestSplitFastAndFarAboveTheTrivialBaseline()
            throws IOException {
        List<TextExample> train = read("train");
        List<TextExample> test = read("test");
        long programs = train.stream()
                .filter(e -> ProgramExtractor.extract(ProgramFamily.question(e.inputs()), e.target()).program() != null)
                .count();

        long start = System.nanoTime();
        ProgramStudent student = ProgramTraining.train(train,
                new FamilySettings(StudentConfig.defaults(), Hyperparameters.defaults()));
        double trainingSeconds = (System.nanoTime() - start) / 1e9;

        Answerer answerer = student.newAnswerer();
        test.forEach(e -> answerer.answer(e.inputs()));
        List<String> predictions = new ArrayList<>();
        long[] nanos = new long[test.size()];
        for (int i = 0; i < test.size(); i++) {
            long t = System.nanoTime();
            predictions.add(answerer.answer(test.get(i).inputs()).text());
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        double exactMatch = TaskStrategies.text(TaskType.MATH).metrics(predictions,
                test.stream().map(TextExample::references).toList()).values().iterator().next();

        System.out.printf("program student on data-samples/math: test exact match %.2f (%d rows), training answers "
                        + "turned into programs %d/%d, shapes %d, latency p50 %.3f ms p90 %.3f ms, parameters %d, "
                        + "training %.1f s%n", exactMatch, test.size(), programs, train.size(),
                student.space().shapes().size(), nanos[nanos.length / 2] / 1e6, nanos[nanos.length * 9 / 10] / 1e6,
                student.parameterCount(), trainingSeconds);
        assertTrue(exactMatch >= 60, "exact match " + exactMatch + " on the sample test split");
    }
}
