package io.sparkdistill.teacher.validation;

/**
 * One completion of a teacher as the validator reads it: plain values, so that validation does not depend on the
 * HTTP client that produced them.
 *
 * @param content      the message content with any reasoning already removed, possibly null
 * @param finishReason the choice's {@code finish_reason}, possibly null
 * @param refusal      the message's {@code refusal} field, possibly null
 * @param reasoning    the chain of thought sent with or inside the content, possibly null
 * @param toolCalls    how many tool or function calls the message holds
 */
public record TeacherOutput(String content, String finishReason, String refusal, String reasoning, int toolCalls) {
}
