package io.sparkdistill.jobs.store;

import java.util.List;
import java.util.Map;

/**
 * The part of {@code generate-summary.json} a run with several teachers adds.
 *
 * @param members                each teacher, in the job's order
 * @param combinedRows           rows of the run's {@code synthetic/}: examples at least one teacher answered
 * @param rowsByTeachersAnswered combined rows by how many teachers answered them
 * @param rowsWithDisagreement   combined rows where at least one teacher's vote differs from the ensemble's
 * @param disagreementRate       {@code rowsWithDisagreement / combinedRows}
 * @param meanDisagreement       the mean of the rows' {@code teacher_disagreement}
 * @param disagreementMeasure    what {@code teacher_disagreement} measures
 */
public record EnsembleSummary(List<Member> members, long combinedRows, Map<String, Long> rowsByTeachersAnswered,
                              long rowsWithDisagreement, double disagreementRate, double meanDisagreement,
                              String disagreementMeasure) {

    /**
     * One teacher of the ensemble.
     *
     * @param folder      its run folder, with its own synthetic/, rejected/, failed/ and summary
     * @param acceptedRows rows in its {@code synthetic/}, all runs together
     * @param generated   rows it answered in this run
     * @param rejected    its answers of this run that failed validation (in its rejected/)
     * @param failed      examples of this run it gave no answer to after every retry (in its failed/)
     * @param teacherCalls examples sent to it in this run
     * @param estimatedCost of its calls in this run, from its own prices
     */
    public record Member(String name, String kind, double weight, String fingerprint, String folder,
                         long acceptedRows, long generated, long rejected, long failed, long teacherCalls,
                         double estimatedCost) {
    }
}
