package io.sparkdistill.jobs.generate;

import io.sparkdistill.ingest.Example;
import io.sparkdistill.jobs.store.SyntheticSchema;
import io.sparkdistill.teacher.TeacherAnswer;
import io.sparkdistill.teacher.api.ChatResponse;

import java.io.Serializable;
import java.util.List;

/**
 * What became of one example sent to an API teacher: exactly one of accepted (with the teacher's answer),
 * rejected by validation (with the reason) or failed after retries (with the last error). Usage is recorded for
 * all three, since a rejected answer was paid for too.
 *
 * @param promptKey     the {@link io.sparkdistill.teacher.cache.PromptKey} of the prompt the example was sent as
 * @param tokenLogprobs the chosen completion's tokens with their top-k log-probabilities; empty when none were sent
 * @param bought        the response this outcome paid for, to be kept in the answer cache; null when the answer
 *                      came from the cache or from another example with the same prompt, or when the call failed
 */
record GenerationOutcome(Example example, String promptKey, Status status, TeacherAnswer answer, String rationale,
                         List<ChatResponse.TokenLogprob> tokenLogprobs, String reason, String detail, String output,
                         int httpStatus, Usage usage, ChatResponse bought) implements Serializable {

    enum Status { ACCEPTED, REJECTED, FAILED }

    /** Where an answer came from: bought in this run, read from the answer cache, or shared by an identical prompt. */
    enum Source {
        TEACHER, CACHE, SAME_PROMPT;

        String configName() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    /**
     * What the answer cost when it was bought; {@code source} says whether this outcome paid for it, so totals
     * count each purchase once.
     */
    record Usage(String templateVersion, int promptTokens, int completionTokens, int attempts, long latencyMs,
                 Source source) implements Serializable {

        boolean paid() {
            return source == Source.TEACHER;
        }
    }

    GenerationOutcome {
        tokenLogprobs = tokenLogprobs == null ? List.of() : tokenLogprobs;
    }

    static GenerationOutcome accepted(Example e, String promptKey, TeacherAnswer answer, String rationale,
                                      List<ChatResponse.TokenLogprob> tokenLogprobs, Usage usage) {
        return new GenerationOutcome(e, promptKey, Status.ACCEPTED, answer, rationale, tokenLogprobs, null, null, null,
                200, usage, null);
    }

    static GenerationOutcome rejected(Example e, String promptKey, String reason, String detail, String output,
                                      Usage usage) {
        return new GenerationOutcome(e, promptKey, Status.REJECTED, null, null, List.of(), reason, detail, output, 200,
                usage, null);
    }

    static GenerationOutcome failed(Example e, String promptKey, String kind, String message, int httpStatus,
                                    Usage usage) {
        return new GenerationOutcome(e, promptKey, Status.FAILED, null, null, List.of(), kind, message, null,
                httpStatus, usage, null);
    }

    /** The columns of this outcome's call, in its row of {@code synthetic/} or {@code rejected/}. */
    SyntheticSchema.ApiCall call() {
        return new SyntheticSchema.ApiCall(rationale, usage.templateVersion(), usage.promptTokens(),
                usage.completionTokens(), usage.attempts(), usage.latencyMs(), promptKey, usage.source().configName(),
                tokenLogprobs);
    }

    /** This outcome with the response it paid for attached, for the answer cache. */
    GenerationOutcome buying(ChatResponse response) {
        return new GenerationOutcome(example, promptKey, status, answer, rationale, tokenLogprobs, reason, detail,
                output, httpStatus, usage, response);
    }

    /** This accepted outcome turned into a rejection, the answer having been found wanting after the fact. */
    GenerationOutcome rejectedAs(String newReason, String newDetail) {
        return new GenerationOutcome(example, promptKey, Status.REJECTED, null, null, List.of(), newReason, newDetail,
                answer == null ? null : answer.label(), httpStatus, usage, bought);
    }
}
