package io.sparkdistill.jobs.generate;

import java.util.Map;

/**
 * What one generate run did, written to {@code generate-summary.json}.
 *
 * @param validBySplit        valid input rows per split
 * @param quarantinedByReason input rows set aside, per reason
 * @param duplicateRows       valid rows whose content repeats another row of the same split (kept once)
 * @param alreadyGenerated    examples found in {@code synthetic/} from earlier runs, not sent to the teacher
 * @param generated           examples the teacher answered in this run
 * @param teacherCalls        examples sent to the teacher in this run (head fitting included)
 * @param headFitted          whether this run fitted the teacher's head (false: reused the run folder's)
 * @param seconds             wall time of the stage
 */
public record GenerateSummary(String runId, Map<String, Long> validBySplit, Map<String, Long> quarantinedByReason,
                              long duplicateRows, long alreadyGenerated, long generated, long teacherCalls,
                              boolean headFitted, double seconds) {

    public double rowsPerSecond() {
        return generated / Math.max(seconds, 1e-9);
    }
}
