package io.sparkdistill.task;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.evaluate.baseline.NearestConversationReply;
import io.sparkdistill.evaluate.baseline.TrivialBaseline;
import io.sparkdistill.evaluate.text.BleuChrFStatistics;
import io.sparkdistill.evaluate.text.TextMetricStatistics;
import io.sparkdistill.ingest.TaskType;
import io.sparkdistill.student.generative.LstmFamily;
import io.sparkdistill.student.generative.StudentPrompt;
import io.sparkdistill.student.reply.SelectionFamily;
import io.sparkdistill.teacher.validation.AnswerParser;
import io.sparkdistill.teacher.validation.FreeTextParser;

import java.util.List;
import java.util.Map;

/**
 * A multi-turn conversation and the assistant's next reply. Judged by chrF, not BLEU: corpus BLEU multiplies the
 * precisions of 1- to 4-grams, so on a few dozen short replies one missing 4-gram match moves it by many points,
 * while chrF averages character n-gram F-scores and gives near-misses partial credit. The default student selects
 * a reply among the teacher's (Smart Reply's response selection) and fills its slots from the conversation.
 */
public final class ConversationTask extends TextTask {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    public ConversationTask() {
        super(List.of(new SelectionFamily(), new LstmFamily(StudentPrompt::conversation, false)));
    }

    @Override
    public TaskType type() {
        return TaskType.CONVERSATION;
    }

    @Override
    public AnswerParser answerParser() {
        return new FreeTextParser();
    }

    @Override
    public String primaryMetric() {
        return "chrf";
    }

    @Override
    public TextMetricStatistics newStatistics() {
        return new BleuChrFStatistics();
    }

    /** A plain text is the user's one turn; a JSON array is the whole conversation. */
    @Override
    public Map<String, String> inputsOf(List<String> texts) {
        Map<String, String> inputs = super.inputsOf(texts);
        String text = inputs.get("messages");
        if (!text.startsWith("[")) {
            inputs.put("messages", JSON.createArrayNode().add(JSON.createObjectNode().put("role", "user")
                    .put("content", text)).toString());
        }
        return inputs;
    }

    @Override
    public boolean sentenceBleu() {
        return true;
    }

    @Override
    public TrivialBaseline trivialBaseline() {
        return new NearestConversationReply();
    }

    @Override
    public String describeInputs(Map<String, String> inputs) {
        return StudentPrompt.conversation(inputs);
    }
}
