package io.sparkdistill.teacher.validation;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Classification and nli: the answer must read as one label of the job's set ({@link LabelParser}). */
public final class LabelAnswerParser implements AnswerParser {
    private static final long serialVersionUID = 1L;

    @Override
    public Verdict parse(String answer, String rationale, Map<String, String> fields, List<String> labels) {
        LabelParser parser = new LabelParser(labels);
        Optional<String> label = parser.parse(answer);
        if (label.isEmpty()) {
            return new Rejected(RejectionReason.LABEL_OUTSIDE_SET, "'" + Texts.abbreviate(answer)
                    + "' is not one of " + parser.labels());
        }
        return new Accepted(label.get(), rationale);
    }
}
