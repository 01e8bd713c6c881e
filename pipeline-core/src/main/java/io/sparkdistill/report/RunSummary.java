package io.sparkdistill.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.sparkdistill.provenance.Provenance;
import io.sparkdistill.student.search.RecipeSearchRecord;

/**
 * What a run's report says besides the models' scores: which job it was, what went in, what was thrown out, what
 * the teacher was asked and how long each stage took. Maps keep the caller's order, so reports list entries in the
 * order the pipeline produced them.
 *
 * @param jobName           the job's name from its config
 * @param task              the task's config name ("classification", "nli")
 * @param runId             the run's folder name under the output directory
 * @param labels            the job's labels, in class-number order
 * @param hyperparameters   training knobs by name, as configured
 * @param inputCounts       split name -> valid rows read
 * @param quarantinedCounts quarantine reason -> rows set aside
 * @param splitOverlap      leaking pair of splits ("train/test") -> inputs found in both; empty when the splits are
 *                          apart (or the generate stage did not count it)
 * @param teacherCallsMade  teacher calls made in this run (ids already done by an earlier run are not called again)
 * @param syntheticRows     accepted teacher outputs written to the synthetic data
 * @param teacherAccounting what the teacher's answers cost and how they ended (rejected per reason, failed per
 *                          error kind, attempts, tokens, estimated cost), by name; empty when nothing was recorded
 * @param stageSeconds      stage name -> wall-clock seconds
 * @param details           what the evaluation adds about the run: its folder, its synthetic data, how the
 *                          students were compared, by name
 * @param provenance        how the run was made: build, config and its hash, input files, teacher, seed, versions
 * @param training          how each student's training went, epoch by epoch; empty when the train stage left no
 *                          summary in the run folder
 * @param search            the automatic recipe's search that chose the distilled student, or null when the run
 *                          trained at the configured settings
 */
public record RunSummary(String jobName, String task, String runId, List<String> labels,
                         Map<String, Object> hyperparameters, Map<String, Long> inputCounts,
                         Map<String, Long> quarantinedCounts, Map<String, Long> splitOverlap,
                         long teacherCallsMade, long syntheticRows,
                         Map<String, Object> teacherAccounting, Map<String, Double> stageSeconds,
                         Map<String, Object> details, Provenance provenance, List<TrainingCurve> training,
                         RecipeSearchRecord search) {

    public RunSummary {
        Objects.requireNonNull(jobName, "jobName");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(runId, "runId");
        labels = List.copyOf(labels);
        hyperparameters = ordered(hyperparameters);
        inputCounts = ordered(inputCounts);
        quarantinedCounts = ordered(quarantinedCounts);
        splitOverlap = ordered(splitOverlap);
        teacherAccounting = ordered(teacherAccounting);
        stageSeconds = ordered(stageSeconds);
        details = ordered(details);
        Objects.requireNonNull(provenance, "provenance");
        training = List.copyOf(training);
    }

    /** A summary of a run trained at the configured settings (no automatic recipe). */
    public RunSummary(String jobName, String task, String runId, List<String> labels,
                      Map<String, Object> hyperparameters, Map<String, Long> inputCounts,
                      Map<String, Long> quarantinedCounts, Map<String, Long> splitOverlap,
                      long teacherCallsMade, long syntheticRows,
                      Map<String, Object> teacherAccounting, Map<String, Double> stageSeconds,
                      Map<String, Object> details, Provenance provenance, List<TrainingCurve> training) {
        this(jobName, task, runId, labels, hyperparameters, inputCounts, quarantinedCounts, splitOverlap,
                teacherCallsMade, syntheticRows, teacherAccounting, stageSeconds, details, provenance, training, null);
    }

    /** A summary with no overlap between splits found. */
    public RunSummary(String jobName, String task, String runId, List<String> labels,
                      Map<String, Object> hyperparameters, Map<String, Long> inputCounts,
                      Map<String, Long> quarantinedCounts, long teacherCallsMade, long syntheticRows,
                      Map<String, Object> teacherAccounting, Map<String, Double> stageSeconds,
                      Map<String, Object> details, Provenance provenance, List<TrainingCurve> training) {
        this(jobName, task, runId, labels, hyperparameters, inputCounts, quarantinedCounts, Map.of(), teacherCallsMade,
                syntheticRows, teacherAccounting, stageSeconds, details, provenance, training);
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
