package io.sparkdistill.jobs.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkdistill.jobs.InputException;
import io.sparkdistill.jobs.JsonFiles;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.RunLayout;
import io.sparkdistill.student.StudentMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The train runs the two saved students come from. Train saves the baseline first and the distilled student second,
 * so a train killed in between leaves a new baseline beside an older distilled student; comparing those two would
 * credit or blame distillation for what another run's data and settings did.
 */
final class StudentRuns {
    private static final Logger LOG = LoggerFactory.getLogger(StudentRuns.class);

    private StudentRuns() {
    }

    /** Throws {@link InputException} when the students' run ids differ, unless {@code allowMixed}. */
    static void requireSameTrainRun(RunContext run, boolean allowMixed) {
        Optional<String> baseline = runIdOf(run, RunLayout.BASELINE);
        Optional<String> distilled = runIdOf(run, RunLayout.DISTILLED);
        if (baseline.isEmpty() || distilled.isEmpty() || baseline.equals(distilled)) {
            return;
        }
        String pair = "the baseline student (" + run.layout().model(RunLayout.BASELINE) + ") comes from train run "
                + baseline.get() + " and the distilled student (" + run.layout().model(RunLayout.DISTILLED)
                + ") from train run " + distilled.get();
        if (allowMixed) {
            LOG.warn("[evaluate] {}; comparing them anyway (--allow-mixed-runs)", pair);
            return;
        }
        throw new InputException(pair + ", so the comparison would not be of one training (a train stopped part "
                + "way leaves this). Train both again (distill train --config ...), or pass --allow-mixed-runs to "
                + "compare them anyway");
    }

    /** {@code provenance.run_id} of a saved student's card; empty when absent (no student, or saved without one). */
    private static Optional<String> runIdOf(RunContext run, String kind) {
        String card = run.layout().model(kind) + "/" + StudentMetadata.FILE_NAME;
        if (!run.storage().exists(card)) {
            return Optional.empty();
        }
        String runId = JsonFiles.read(run.storage().readString(card), JsonNode.class).path("provenance")
                .path("run_id").asText("");
        return runId.isEmpty() ? Optional.empty() : Optional.of(runId);
    }
}
