package io.sparkdistill.task;

import io.sparkdistill.config.TaskKeyRules;
import io.sparkdistill.ingest.TaskType;
import io.sparkdistill.teacher.validation.AnswerParser;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one task type means, in one place: its input schema, how the teacher's answer is read and checked, how
 * answers are scored and which metric judges them, and which students learn it. The stages ask the strategy of the
 * job's task ({@link TaskStrategies#of}) instead of branching on the task type; a new task type is one new class
 * registered in {@link TaskStrategies}.
 *
 * <p>Two kinds: {@link LabelTask} (the answer is one label of the job's set: classification, nli) and
 * {@link TextTask} (the answer is free text: qa, summarisation, math, conversation). The stages fork on the kind in
 * one place each, since the two kinds train different students.
 */
public sealed interface TaskStrategy extends TaskKeyRules, Serializable permits LabelTask, TextTask {

    /** The task type this strategy stands for. */
    @Override
    TaskType type();

    /** The input fields an example carries, in the order the teacher and the students read them. */
    default List<String> inputFields() {
        return type().inputFields();
    }

    /**
     * An example's inputs from plain texts given in the order of {@link #inputFields()} (what
     * {@code bin/distill predict --text ... --text ...} passes).
     */
    default Map<String, String> inputsOf(List<String> texts) {
        List<String> fields = inputFields();
        if (texts.size() != fields.size()) {
            throw new IllegalArgumentException("a " + type().configName() + " student reads " + fields.size()
                    + " text(s), " + fields + " in that order, but " + texts.size() + " were given");
        }
        Map<String, String> inputs = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            if (texts.get(i) == null || texts.get(i).isBlank()) {
                throw new IllegalArgumentException("the " + fields.get(i) + " of a " + type().configName()
                        + " example is empty");
            }
            inputs.put(fields.get(i), texts.get(i).strip());
        }
        return inputs;
    }

    /** The gold references of an example, from its gold field as the example parser keeps it. */
    List<String> references(String gold);

    /**
     * Whether the answers to different prompts repeat by design (labels of a set), so that a repeat is no
     * duplicate; free-text answers that repeat across prompts are screened as duplicates.
     */
    boolean answersRepeatByDesign();

    /** The task's half of judging one teacher answer (the generic checks come first, in the validator). */
    AnswerParser answerParser();

    /**
     * What the distilled student learns from the teacher's answer and, when it wrote one, its rationale: the answer
     * itself unless the task says otherwise (math: the worked solution).
     */
    default String trainingTarget(String teacherAnswer, String teacherRationale) {
        return teacherAnswer;
    }

    /** The metric the task is judged by in headlines, retention and regression checks. */
    String primaryMetric();

    /**
     * The task's scores for predictions and their references in the same order, by name, on the scales
     * {@code bin/distill score} prints: numbers, and for label tasks the per-class F1 as a map.
     */
    Map<String, Object> scores(List<String> predictions, List<List<String>> references);

    /** What is wrong with a reference the task cannot score against (math: no final number), or null. */
    default String referenceProblem(String reference) {
        return null;
    }
}
