package io.sparkdistill.teacher.validation;

import io.sparkdistill.teacher.prompt.PromptTemplate;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decides whether one teacher response is training data: the post-processing half of a teacher call, taking plain
 * strings so that it does not depend on the HTTP client.
 *
 * <p>Checks, in this order, the first failing one giving the {@link RejectionReason}:
 * <ol>
 *   <li>REFUSAL: the response's {@code refusal} field is set, or {@code finish_reason} is "content_filter";</li>
 *   <li>TRUNCATED: {@code finish_reason} is "length" (or "max_tokens", as some compatible servers say), or one by
 *       which the server says it stopped ("insufficient_system_resource", "error", "abort"), even with content,
 *       since a cut answer is not the teacher's answer;</li>
 *   <li>TOOL_CALL: {@code finish_reason} is "tool_calls" or "function_call", or the message holds calls;</li>
 *   <li>REASONING_ONLY: no content (or only whitespace) but reasoning; EMPTY: neither;</li>
 *   <li>REFUSAL: the content reads as one ({@link RefusalHeuristic}); in rationale mode, also its "answer";</li>
 *   <li>RATIONALE_SCHEMA: in rationale mode, content that is not {@code {"reason": ..., "answer": ...}}
 *       ({@link RationaleParser}); the checks below then read the "answer";</li>
 *   <li>the task's own checks, by its {@link AnswerParser}: LABEL_OUTSIDE_SET (classification, nli),
 *       NO_FINAL_ANSWER (math), SUMMARY_TOO_LONG (summarisation).</li>
 * </ol>
 * DUPLICATE is not decided here, as it needs state across examples: pass accepted verdicts through a
 * {@link DuplicateDetector}. Instances are immutable, thread-safe and serialisable.
 */
public final class OutputValidator implements Serializable {
    private static final long serialVersionUID = 1L;
    /**
     * Finish reasons by which the server stopped the generation (DeepSeek, OpenRouter, vLLM). A live call retries
     * them; an answer from the cache or a Batch API file can still carry one.
     */
    private static final Set<String> SERVER_STOPS = Set.of("insufficient_system_resource", "error", "abort");

    private final AnswerParser parser;

    /** A validator whose last check is the task's {@code parser}. */
    public OutputValidator(AnswerParser parser) {
        this.parser = Objects.requireNonNull(parser, "parser");
    }

    /**
     * Validates one response.
     *
     * @param template the template the prompt was rendered with: gives whether rationale mode is on
     * @param fields   the example's input fields (summarisation reads {@code document})
     * @param labels   the job's label set (classification, nli); ignored for other tasks
     * @param output   the completion
     */
    public Verdict validate(PromptTemplate template, Map<String, String> fields, List<String> labels,
                            TeacherOutput output) {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(fields, "fields");
        String content = output.content();
        String refusal = output.refusal();
        String finish = output.finishReason() == null ? "" : output.finishReason().strip().toLowerCase(Locale.ROOT);
        if (refusal != null && !refusal.isBlank()) {
            return new Rejected(RejectionReason.REFUSAL, "refusal: " + Texts.abbreviate(refusal));
        }
        if (finish.equals("content_filter")) {
            return new Rejected(RejectionReason.REFUSAL, "finish_reason content_filter");
        }
        if (finish.equals("length") || finish.equals("max_tokens") || SERVER_STOPS.contains(finish)) {
            return new Rejected(RejectionReason.TRUNCATED, "finish_reason " + finish + " after "
                    + (content == null ? 0 : Texts.words(content)) + " words");
        }
        if (finish.equals("tool_calls") || finish.equals("function_call") || output.toolCalls() > 0) {
            return new Rejected(RejectionReason.TOOL_CALL, output.toolCalls() + " tool call(s), finish_reason "
                    + (finish.isEmpty() ? "none" : finish));
        }
        if (content == null || content.isBlank()) {
            if (output.reasoning() != null && !output.reasoning().isBlank()) {
                return new Rejected(RejectionReason.REASONING_ONLY, "no answer after "
                        + Texts.words(output.reasoning()) + " words of reasoning");
            }
            return new Rejected(RejectionReason.EMPTY, content == null ? "content is null" : "content is blank");
        }
        if (RefusalHeuristic.looksLikeRefusal(content)) {
            return new Rejected(RejectionReason.REFUSAL, "content reads as a refusal: " + Texts.abbreviate(content));
        }
        String answer;
        String rationale = null;
        if (template.rationale()) {
            RationaleParser.Rationale parsed;
            try {
                parsed = RationaleParser.parse(content);
            } catch (IllegalArgumentException e) {
                return new Rejected(RejectionReason.RATIONALE_SCHEMA, e.getMessage());
            }
            if (RefusalHeuristic.looksLikeRefusal(parsed.answer())) {
                return new Rejected(RejectionReason.REFUSAL, "answer reads as a refusal: "
                        + Texts.abbreviate(parsed.answer()));
            }
            answer = parsed.answer();
            rationale = parsed.reason();
        } else {
            answer = content.strip();
        }
        return parser.parse(answer, rationale, fields, labels == null ? List.of() : labels);
    }
}
