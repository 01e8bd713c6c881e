package io.sparkdistill.jobs.generate;

import java.util.Map;

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
 */
record GenerationCounts(long accepted, Map<String, Long> rejectedByReason, Map<String, Long> failedByKind,
                        long promptTokens, long completionTokens, long attempts, boolean headFitted) {

    static GenerationCounts none() {
        return new GenerationCounts(0, Map.of(), Map.of(), 0, 0, 0, false);
    }

    long rejected() {
        return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    long failed() {
        return failedByKind.values().stream().mapToLong(Long::longValue).sum();
    }
}
