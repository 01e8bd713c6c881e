package io.sparkdistill.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.evaluate.baseline.BestOverlapSentence;
import io.sparkdistill.evaluate.baseline.TrivialBaseline;
import io.sparkdistill.evaluate.text.SquadStatistics;
import io.sparkdistill.evaluate.text.TextMetricStatistics;
import io.sparkdistill.ingest.TaskType;
import io.sparkdistill.student.generative.LstmFamily;
import io.sparkdistill.student.generative.StudentPrompt;
import io.sparkdistill.student.qa.ExtractiveFamily;
import io.sparkdistill.teacher.validation.AnswerParser;
import io.sparkdistill.teacher.validation.FreeTextParser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Question answering from a context passage. Judged by SQuAD F1, which gives credit for partly right answers where
 * exact match gives none. The default student points at the answer's span in the context (the answer is in it by
 * the task's nature), which no generative student of this size can copy out reliably.
 */
public final class QaTask extends TextTask {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    public QaTask() {
        super(List.of(new ExtractiveFamily(), new LstmFamily(StudentPrompt::qa, false)));
    }

    @Override
    public TaskType type() {
        return TaskType.QA;
    }

    /** A qa example's {@code answers} array, kept as JSON text by the example parser. */
    @Override
    public List<String> references(String gold) {
        try {
            JsonNode answers = JSON.readTree(gold);
            List<String> out = new ArrayList<>();
            answers.forEach(a -> out.add(a.asText()));
            if (out.isEmpty()) {
                throw new IllegalArgumentException("a qa example has no gold answer: " + gold);
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a qa example's answers are not a JSON array: " + gold, e);
        }
    }

    @Override
    public AnswerParser answerParser() {
        return new FreeTextParser();
    }

    @Override
    public String primaryMetric() {
        return "f1";
    }

    @Override
    public TextMetricStatistics newStatistics() {
        return new SquadStatistics();
    }

    @Override
    public TrivialBaseline trivialBaseline() {
        return new BestOverlapSentence();
    }

    @Override
    public String describeInputs(Map<String, String> inputs) {
        return StudentPrompt.qa(inputs);
    }
}
