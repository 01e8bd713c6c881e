package io.sparkdistill.teacher.validation;

import java.util.List;
import java.util.Map;

/** Summarisation: a summary longer than its document is not a summary. */
public final class SummaryLengthParser implements AnswerParser {
    private static final long serialVersionUID = 1L;

    @Override
    public Verdict parse(String answer, String rationale, Map<String, String> fields, List<String> labels) {
        String document = fields.get("document");
        if (document == null) {
            throw new IllegalArgumentException("a summarisation example needs its 'document' field to"
                    + " check the summary's length; fields present: " + fields.keySet());
        }
        int summaryWords = Texts.words(answer);
        int sourceWords = Texts.words(document);
        if (summaryWords > sourceWords) {
            return new Rejected(RejectionReason.SUMMARY_TOO_LONG, "summary has " + summaryWords
                    + " words, its source " + sourceWords);
        }
        return new Accepted(answer, rationale);
    }
}
