package io.sparkdistill.teacher.validation;

import java.util.Locale;

/** Why a teacher output is not used as training data; each has its own count in the run summary. */
public enum RejectionReason {
    /** The response has no content (null, empty or only whitespace). */
    EMPTY("the teacher's response has no content"),
    /**
     * The response stopped at the token limit ({@code finish_reason} "length"), or the server says it stopped
     * generating (a cached or Batch API answer; a live call retries those).
     */
    TRUNCATED("the response was cut off at the token limit (finish_reason length) or by the server"),
    /** The teacher declined: its {@code refusal} field, a content filter, or content that reads as a refusal. */
    REFUSAL("the teacher refused to answer"),
    /**
     * The teacher called a tool or function instead of answering ({@code finish_reason} "tool_calls" or
     * "function_call", or calls in the message); any content beside the calls is not its answer.
     */
    TOOL_CALL("the teacher called a tool instead of answering"),
    /** The teacher sent chain of thought ({@code reasoning_content} or a {@code <think>} block) but no answer. */
    REASONING_ONLY("the teacher sent reasoning but no final answer"),
    /** Classification / NLI: the answer is not one of the job's labels. */
    LABEL_OUTSIDE_SET("the answer is not one of the job's labels"),
    /** Math: no final numeric answer can be read from the solution. */
    NO_FINAL_ANSWER("no final numeric answer could be read"),
    /** Rationale mode: not a JSON object with string "reason" and "answer". */
    RATIONALE_SCHEMA("the rationale JSON does not match {\"reason\": string, \"answer\": string}"),
    /** Summarisation: the summary has more words than its source document. */
    SUMMARY_TOO_LONG("the summary has more words than its source"),
    /** The same output text as an earlier example in the detector's scope (see {@link DuplicateDetector}). */
    DUPLICATE("the same output as an earlier example");

    private final String description;

    RejectionReason(String description) {
        this.description = description;
    }

    /** One line saying what the reason means, for reports. */
    public String description() {
        return description;
    }

    /** The name used in summaries and Parquet: "empty", "label_outside_set", ... */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
