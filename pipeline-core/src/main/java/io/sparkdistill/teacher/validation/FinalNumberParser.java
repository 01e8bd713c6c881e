package io.sparkdistill.teacher.validation;

import io.sparkdistill.evaluate.text.MathAnswer;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Math: the answer must end in a final number ({@link MathAnswer#extract}), which becomes the answer; the worked
 * solution is kept as the rationale (the rationale mode's reasoning, or the whole answer text).
 */
public final class FinalNumberParser implements AnswerParser {
    private static final long serialVersionUID = 1L;

    @Override
    public Verdict parse(String answer, String rationale, Map<String, String> fields, List<String> labels) {
        Optional<String> number = MathAnswer.extract(answer);
        if (number.isEmpty()) {
            return new Rejected(RejectionReason.NO_FINAL_ANSWER, "no number in: " + Texts.abbreviate(answer));
        }
        return new Accepted(number.get(), rationale != null ? rationale : answer);
    }

    @Override
    public boolean completionsVote() {
        return true;
    }
}
