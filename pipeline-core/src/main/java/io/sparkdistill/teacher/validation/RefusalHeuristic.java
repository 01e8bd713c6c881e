package io.sparkdistill.teacher.validation;

import java.util.regex.Pattern;

/**
 * Recognises content that is a refusal rather than an answer, for teachers without a {@code refusal} field.
 *
 * <p>Deliberately small, to keep false positives rare: only the start of the content is read (an optional
 * "I'm sorry," / "Sorry," / "I apologise," / "Unfortunately," then an optional "but"), and it must then say that
 * the model cannot or will not help, assist, comply, answer, provide, do or continue <i>with that / this / your
 * request</i>, or start "As an AI (language model), I cannot / can't / don't / am unable". Examples caught:
 * "I can't help with that.", "I'm sorry, but I cannot assist with this request.", "Sorry, I won't do that.",
 * "As an AI language model, I cannot provide medical advice." Not caught on purpose: "I'm sorry, but I can't
 * offer refunds after 30 days" (an in-role customer-support answer), a refusal in the middle of a text, any
 * language other than English.
 */
public final class RefusalHeuristic {
    private static final Pattern REFUSAL = Pattern.compile(
            "(?i)^(?:(?:i'm|i am)\\s+(?:really\\s+|very\\s+)?sorry|sorry|i\\s+apologi[sz]e|unfortunately)?"
                    + "[\\s,.!]*(?:but\\s*,?\\s*)?"
                    + "(?:"
                    + "i\\s*(?:can't|cannot|can\\s+not|won't|will\\s+not|am\\s+unable\\s+to|'m\\s+unable\\s+to"
                    + "|am\\s+not\\s+able\\s+to|'m\\s+not\\s+able\\s+to|must\\s+decline\\s+to)"
                    + "\\s+(?:help|assist|comply|answer|provide|do|continue|fulfil|fulfill|engage)"
                    + "(?:\\s+you)?(?:\\s+with)?\\s+(?:that|this|your\\s+request|the\\s+request|such)\\b"
                    + "|i\\s*(?:can't|cannot|won't|will\\s+not)\\s+comply\\b"
                    + "|as\\s+an\\s+ai(?:\\s+language\\s+model|\\s+assistant)?\\s*,?\\s*i\\s*(?:can't|cannot|don't|do\\s+not"
                    + "|am\\s+unable|'m\\s+unable|am\\s+not\\s+able)"
                    + ")");
    private static final int HEAD = 300;

    private RefusalHeuristic() {
    }

    /** True when the start of {@code content} reads as a refusal (see the class comment for the exact rule). */
    public static boolean looksLikeRefusal(String content) {
        if (content == null) {
            return false;
        }
        String head = content.strip();
        head = head.substring(0, Math.min(HEAD, head.length())).replace('’', '\'').replace("**", "");
        return REFUSAL.matcher(head).find();
    }
}
