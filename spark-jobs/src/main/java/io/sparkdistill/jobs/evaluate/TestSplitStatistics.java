package io.sparkdistill.jobs.evaluate;

import io.sparkdistill.evaluate.text.TextMetricStatistics;
import io.sparkdistill.student.text.Answerer;
import io.sparkdistill.task.TextTask;
import org.apache.spark.sql.Row;

import java.io.Serializable;
import java.util.List;

/**
 * Every score the text evaluate stage reports, as the task's mergeable statistics: each model against the gold
 * references, each student against the teacher's answers (agreement), and the trivial baseline. Summed over the
 * prediction rows on the executors by a tree aggregate, so the driver receives these few numbers instead of the
 * answers of the whole test split.
 */
final class TestSplitStatistics implements Serializable {
    private static final long serialVersionUID = 1L;

    final TextMetricStatistics teacher;
    final TextMetricStatistics baseline;
    final TextMetricStatistics baselineAgreement;
    final TextMetricStatistics distilled;
    final TextMetricStatistics distilledAgreement;
    final TextMetricStatistics trivial;

    TestSplitStatistics(TextTask task) {
        teacher = task.newStatistics();
        baseline = task.newStatistics();
        baselineAgreement = task.newStatistics();
        distilled = task.newStatistics();
        distilledAgreement = task.newStatistics();
        trivial = task.newStatistics();
    }

    /** Adds one row of {@link TextEvaluateJob#PREDICTIONS}, the trivial baseline answering its inputs here. */
    TestSplitStatistics add(Row prediction, Answerer trivialBaseline) {
        List<String> references = TextEvaluateJob.references(prediction);
        String teacherAnswer = prediction.getString(TextEvaluateJob.TEACHER);
        List<String> teacherAsReference = List.of(teacherAnswer);
        String baselineAnswer = prediction.getString(TextEvaluateJob.BASELINE);
        String distilledAnswer = prediction.getString(TextEvaluateJob.DISTILLED);
        teacher.add(teacherAnswer, references);
        baseline.add(baselineAnswer, references);
        baselineAgreement.add(baselineAnswer, teacherAsReference);
        distilled.add(distilledAnswer, references);
        distilledAgreement.add(distilledAnswer, teacherAsReference);
        trivial.add(trivialBaseline.answer(prediction.getJavaMap(TextEvaluateJob.INPUTS)).text(), references);
        return this;
    }

    TestSplitStatistics merge(TestSplitStatistics other) {
        teacher.merge(other.teacher);
        baseline.merge(other.baseline);
        baselineAgreement.merge(other.baselineAgreement);
        distilled.merge(other.distilled);
        distilledAgreement.merge(other.distilledAgreement);
        trivial.merge(other.trivial);
        return this;
    }

    /** The test examples scored. */
    long count() {
        return teacher.count();
    }
}
