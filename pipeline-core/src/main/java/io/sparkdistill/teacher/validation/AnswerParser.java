package io.sparkdistill.teacher.validation;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A task's half of judging a teacher answer, after {@link OutputValidator}'s checks that hold for every task
 * (refusal, truncation, emptiness, the rationale's JSON): reads the answer the task needs out of the teacher's text,
 * or rejects it with the task's reason.
 */
public interface AnswerParser extends Serializable {

    /**
     * The verdict on one answer.
     *
     * @param answer    the teacher's answer (in rationale mode, the JSON's "answer"), stripped, not blank
     * @param rationale the teacher's reasoning in rationale mode, else null
     * @param fields    the example's input fields
     * @param labels    the job's label set (label tasks), else empty
     */
    Verdict parse(String answer, String rationale, Map<String, String> fields, List<String> labels);

    /**
     * Whether the completions of one prompt vote on their parsed answers when the teacher wrote several: true where
     * agreeing samples are more often right than any single one (math's final number, self-consistency); false
     * where free text has no majority to vote on, and the first accepted completion answers.
     */
    default boolean completionsVote() {
        return false;
    }
}
