package io.sparkdistill.jobs.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkdistill.jobs.JsonFiles;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.report.ChangesSincePreviousRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nightly view of a run folder: what changed since the metrics.json an earlier run of the same job left there,
 * and whether a drop beyond {@code evaluation.regression_tolerance} fails this run.
 */
final class PreviousRun {
    private static final Logger LOG = LoggerFactory.getLogger(PreviousRun.class);

    private PreviousRun() {
    }

    /**
     * Compares with the metrics.json an earlier run left in the run folder, after keeping a copy of it under
     * {@code history/}, since this run is about to replace it.
     */
    static ChangesSincePreviousRun compare(RunContext run, String currentMetrics) {
        double tolerance = run.config().evaluation().regressionTolerance();
        if (!run.storage().exists(run.layout().metrics())) {
            return ChangesSincePreviousRun.none(tolerance);
        }
        String previous = run.storage().readString(run.layout().metrics());
        String previousRunId;
        try {
            previousRunId = JsonFiles.read(previous, JsonNode.class).path("summary").path("run_id").asText();
        } catch (IllegalStateException e) {
            LOG.warn("[evaluate] the previous {} cannot be read ({}); no comparison with it",
                    run.layout().metrics(), e.getMessage());
            return ChangesSincePreviousRun.none(tolerance);
        }
        // A run id is a job name and a timestamp; anything else is kept under a name that cannot escape history/.
        String kept = run.layout().previousMetrics(previousRunId.isBlank() ? "unknown"
                : previousRunId.replaceAll("[^A-Za-z0-9._-]", "_"));
        run.storage().writeString(kept, previous);
        try {
            return ChangesSincePreviousRun.between(previous, currentMetrics, tolerance, kept);
        } catch (IllegalArgumentException e) {
            LOG.warn("[evaluate] no comparison with the previous run: {}", e.getMessage());
            return ChangesSincePreviousRun.none(tolerance);
        }
    }

    /**
     * Logs the drops beyond the tolerance; with {@code evaluation.fail_on_regression}, throws
     * {@link RegressionException} (call it once the reports are written).
     */
    static void judge(RunContext run, ChangesSincePreviousRun changes) {
    if (!changes.regressions().isEmpty()) {
        String dropped = String.join(", ", changes.regressions().stream().map(r -> r.key() + " "
                + String.format("%.4f -> %.4f", r.previous(), r.current())).toList());
        LOG.warn("[evaluate] dropped since run {} by more than {}: {}", changes.previousRunId(),
                changes.tolerance(), dropped);
        if (run.config().evaluation().failOnRegression()) {
            throw new RegressionException("quality dropped since run " + changes.previousRunId()
                    + " by more than evaluation.regression_tolerance (" + changes.tolerance() + "): " + dropped
                    + ". The report is written: " + run.layout().report() + " and " + run.layout().htmlReport());
        }
    }
    }
}
