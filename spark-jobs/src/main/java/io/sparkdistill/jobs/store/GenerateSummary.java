package io.sparkdistill.jobs.store;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * What one generate run did, written to {@code generate-summary.json}.
 *
 * @param validBySplit        valid input rows per split
 * @param quarantinedByReason input rows set aside, per reason
 * @param splitOverlap        inputs found in two splits, per leaking pair ("train/test"): held-out rows the students
 *                            also learn from (absent in summaries written before it was counted)
 * @param duplicateRows       valid rows whose content repeats another row of the same split (kept once)
 * @param alreadyGenerated    examples answered (accepted or rejected) by earlier runs, not sent again
 * @param generated           examples whose answer this run accepted into {@code synthetic/}
 * @param rejectedByReason    answers of this run that failed validation, per reason (API teachers)
 * @param failedByKind        examples of this run with no answer after every retry, per error kind (API teachers)
 * @param teacherCalls        examples sent to the teacher in this run (API teachers: one per distinct prompt)
 * @param answersReused       answers of this run not paid for again: from the answer cache, or shared by
 *                            examples with the same prompt (API teachers)
 * @param attempts            calls made, retries included
 * @param promptTokens        prompt tokens the teacher reported
 * @param completionTokens    completion tokens the teacher reported
 * @param estimatedCost       from the config's prices per million tokens
 * @param headFitted          whether this run fitted the embedded teacher's head (false: reused the run folder's)
 * @param seconds             wall time of the stage
 * @param driverPeakHeapMib   the driver JVM's peak heap use during the stage (flat as the input grows: nothing is
 *                            gathered on the driver)
 * @param ensemble            with several teachers: each teacher's counts and how much they disagree; absent with one.
 *                            The counts above are then the teachers' totals, and {@code generated} counts the
 *                            combined rows that are new
 * @param phaseSeconds        where the stage's wall time went, in seconds per phase in the order they ran (input,
 *                            pending, the teacher's requests, the cache and outcome writes, ...): the work besides
 *                            the teacher's own. Empty for an ensemble (each teacher's summary has its own) and in
 *                            summaries written before it was measured
 */
public record GenerateSummary(String runId, Map<String, Long> validBySplit, Map<String, Long> quarantinedByReason,
                              Map<String, Long> splitOverlap, long duplicateRows, long alreadyGenerated,
                              long generated, Map<String, Long> rejectedByReason, Map<String, Long> failedByKind,
                              long teacherCalls, long answersReused, long attempts, long promptTokens,
                              long completionTokens, double estimatedCost, boolean headFitted, double seconds,
                              double driverPeakHeapMib,
                              @JsonInclude(JsonInclude.Include.NON_NULL) EnsembleSummary ensemble,
                              Map<String, Double> phaseSeconds) {

    public GenerateSummary {
        splitOverlap = splitOverlap == null ? Map.of() : splitOverlap;
        phaseSeconds = phaseSeconds == null ? Map.of() : phaseSeconds;
    }
}
