package io.sparkdistill.evaluate.baseline;

import io.sparkdistill.student.text.Answerer;
import io.sparkdistill.student.text.TextExample;

import java.io.Serializable;
import java.util.List;

/**
 * A rule with no learning to speak of (the document's first sentences, the most frequent answer, the nearest
 * training conversation's reply): reported beside the teacher and the students, so that a student is seen to beat
 * what anyone could write in ten lines.
 */
public interface TrivialBaseline extends Serializable {

    /** What the rule does, for the report ("the document's first three sentences"). */
    String description();

    /** The rule, fitted on (a sample of) the training examples' gold answers where it needs any. */
    Answerer fit(List<TextExample> training);
}
