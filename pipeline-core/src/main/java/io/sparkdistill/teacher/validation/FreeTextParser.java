package io.sparkdistill.teacher.validation;

import java.util.List;
import java.util.Map;

/** Qa and conversation: any non-empty answer that passed the generic checks is the answer. */
public final class FreeTextParser implements AnswerParser {
    private static final long serialVersionUID = 1L;

    @Override
    public Verdict parse(String answer, String rationale, Map<String, String> fields, List<String> labels) {
        return new Accepted(answer, rationale);
    }
}
