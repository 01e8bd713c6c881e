package io.sparkdistill.task;

import io.sparkdistill.evaluate.baseline.MostFrequentAnswer;
import io.sparkdistill.evaluate.baseline.TrivialBaseline;
import io.sparkdistill.evaluate.text.MathAnswer;
import io.sparkdistill.evaluate.text.MathStatistics;
import io.sparkdistill.evaluate.text.TextMetricStatistics;
import io.sparkdistill.ingest.TaskType;
import io.sparkdistill.student.generative.LstmFamily;
import io.sparkdistill.student.generative.StudentPrompt;
import io.sparkdistill.student.program.ProgramFamily;
import io.sparkdistill.teacher.validation.AnswerParser;
import io.sparkdistill.teacher.validation.FinalNumberParser;

import java.util.List;
import java.util.Map;

/**
 * Math word problems solved step by step. Judged by exact match of the final number, the only thing that counts.
 * The distilled student learns from the teacher's worked solution, not only its final number (the number alone
 * would teach it to guess); the default student turns that solution into the arithmetic program it used and learns
 * to write the program, which the project's own evaluator computes.
 */
public final class MathTask extends TextTask {
    private static final long serialVersionUID = 1L;

    public MathTask() {
        super(List.of(new ProgramFamily(), new LstmFamily(StudentPrompt::math, false)));
    }

    @Override
    public TaskType type() {
        return TaskType.MATH;
    }

    @Override
    public AnswerParser answerParser() {
        return new FinalNumberParser();
    }

    @Override
    public String primaryMetric() {
        return "exact_match";
    }

    @Override
    public TextMetricStatistics newStatistics() {
        return new MathStatistics();
    }

    @Override
    public String referenceProblem(String reference) {
        return MathAnswer.extract(reference).isEmpty() ? "has no numeric answer" : null;
    }

    /** The teacher's whole worked solution when it wrote one, else its answer. */
    @Override
    public String trainingTarget(String teacherAnswer, String teacherRationale) {
        return teacherRationale != null && !teacherRationale.isBlank() ? teacherRationale : teacherAnswer;
    }

    @Override
    public TrivialBaseline trivialBaseline() {
        return new MostFrequentAnswer();
    }

    @Override
    public String describeInputs(Map<String, String> inputs) {
        return StudentPrompt.math(inputs);
    }
}
