package io.sparkdistill.jobs.generate;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one teacher pass over the pending examples produced.
 *
 * @param accepted          rows written to {@code synthetic/}
 * @param rejectedByReason  rows written to {@code rejected/}, per validation reason
 * @param failedByKind      rows written to {@code failed/}, per error kind
 * @param promptTokens      prompt tokens the teacher reported (0 for the embedded teacher)
 * @param completionTokens  completion tokens the teacher reported
 * @param attempts          calls made, retries included
 * @param headFitted        whether the embedded teacher's head was fitted in this pass
 * @param calls             examples sent to the teacher in this pass (one per distinct prompt for API teachers)
 * @param reused            answers not paid for in this pass: from the answer cache, or shared with an example of
 *                          the same prompt
 */
record GenerationCounts(long accepted, Map<String, Long> rejectedByReason, Map<String, Long> failedByKind,
                        long promptTokens, long completionTokens, long attempts, boolean headFitted, long calls,
                        long reused)
        implements Serializable {

    static GenerationCounts none() {
        return new GenerationCounts(0, Map.of(), Map.of(), 0, 0, 0, false, 0, 0);
    }

    /** The counts of one API outcome: tokens and attempts only where this outcome paid for its answer. */
    static GenerationCounts of(GenerationOutcome o) {
        GenerationOutcome.Usage u = o.usage();
        return new GenerationCounts(o.status() == GenerationOutcome.Status.ACCEPTED ? 1 : 0,
                o.status() == GenerationOutcome.Status.REJECTED ? Map.of(o.reason(), 1L) : Map.of(),
                o.status() == GenerationOutcome.Status.FAILED ? Map.of(o.reason(), 1L) : Map.of(),
                u.paid() ? u.promptTokens() : 0, u.paid() ? u.completionTokens() : 0, u.paid() ? u.attempts() : 0, false,
                u.paid() ? 1 : 0, u.paid() || o.status() == GenerationOutcome.Status.FAILED ? 0 : 1);
    }

    /** The counts of two passes together. */
    GenerationCounts plus(GenerationCounts other) {
        return new GenerationCounts(accepted + other.accepted, sum(rejectedByReason, other.rejectedByReason),
                sum(failedByKind, other.failedByKind), promptTokens + other.promptTokens,
                completionTokens + other.completionTokens, attempts + other.attempts, headFitted || other.headFitted,
                calls + other.calls, reused + other.reused);
    }

    private static Map<String, Long> sum(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> total = new TreeMap<>(a);
        b.forEach((key, n) -> total.merge(key, n, Long::sum));
        return total;
    }

    long rejected() {
        return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    long failed() {
        return failedByKind.values().stream().mapToLong(Long::longValue).sum();
    }
}
