package io.sparkdistill.task;

import io.sparkdistill.evaluate.baseline.LeadSentences;
import io.sparkdistill.evaluate.baseline.TrivialBaseline;
import io.sparkdistill.evaluate.text.RougeStatistics;
import io.sparkdistill.evaluate.text.TextMetricStatistics;
import io.sparkdistill.ingest.TaskType;
import io.sparkdistill.student.generative.LstmFamily;
import io.sparkdistill.student.generative.StudentPrompt;
import io.sparkdistill.student.summary.ExtractiveFamily;
import io.sparkdistill.teacher.validation.AnswerParser;
import io.sparkdistill.teacher.validation.SummaryLengthParser;

import java.util.List;
import java.util.Map;

/**
 * A document and its summary. Judged by ROUGE-L, the longest common subsequence, which rewards keeping the
 * reference's order of content, not only its words. The default student picks the document's sentences that add
 * most to the ROUGE of the teacher's summary; the trivial baseline to beat is the document's lead.
 */
public final class SummarisationTask extends TextTask {
    private static final long serialVersionUID = 1L;
    private static final int LEAD_SENTENCES = 3;

    public SummarisationTask() {
        super(List.of(new ExtractiveFamily(), new LstmFamily(StudentPrompt::summarisation, true)));
    }

    @Override
    public TaskType type() {
        return TaskType.SUMMARISATION;
    }

    @Override
    public AnswerParser answerParser() {
        return new SummaryLengthParser();
    }

    @Override
    public String primaryMetric() {
        return "rougeL";
    }

    @Override
    public TextMetricStatistics newStatistics() {
        return new RougeStatistics();
    }

    @Override
    public TrivialBaseline trivialBaseline() {
        return new LeadSentences(LEAD_SENTENCES);
    }

    @Override
    public String describeInputs(Map<String, String> inputs) {
        return StudentPrompt.summarisation(inputs);
    }
}
