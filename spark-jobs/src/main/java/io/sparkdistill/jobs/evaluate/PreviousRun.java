package io.sparkdistill.jobs.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkdistill.jobs.JsonFiles;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.report.ChangesSincePreviousRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nightly view of a run folder: what changed since the accepted metrics.json an earlier run of the same job
 * left there, and whether a drop beyond {@code evaluation.regression_tolerance} fails this run. A failing evaluation
 * does not become the next one's baseline (else simply rerunning it would pass): its metrics go to
 * metrics.rejected.json until an evaluation passes or one is accepted with {@code --accept}.
 */
final class PreviousRun {
    private static final Logger LOG = LoggerFactory.getLogger(PreviousRun.class);

    private final RunContext run;
    private final ChangesSincePreviousRun changes;
    private final boolean acceptDrop;

    private PreviousRun(RunContext run, ChangesSincePreviousRun changes, boolean acceptDrop) {
        this.run = run;
        this.changes = changes;
        this.acceptDrop = acceptDrop;
    }

    /**
     * Compares with the accepted metrics.json in the run folder, after keeping a copy of it under {@code history/};
     * {@code acceptDrop} ({@code --accept}) lets a drop through and makes this evaluation the new baseline.
     */
    static PreviousRun compare(RunContext run, String currentMetrics, boolean acceptDrop) {
        return new PreviousRun(run, changes(run, currentMetrics), acceptDrop);
    }

    private static ChangesSincePreviousRun changes(RunContext run, String currentMetrics) {
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

    ChangesSincePreviousRun changes() {
        return changes;
    }

    private boolean rejected() {
        return !changes.regressions().isEmpty() && run.config().evaluation().failOnRegression() && !acceptDrop;
    }

    /**
     * Writes this evaluation's metrics: as the new accepted metrics.json (dropping an older rejected one), or, when
     * the gate refuses it, as metrics.rejected.json beside the untouched baseline.
     */
    void keep(String metricsJson) {
        if (rejected()) {
            run.storage().writeString(run.layout().rejectedMetrics(), metricsJson);
            return;
        }
        run.storage().writeString(run.layout().metrics(), metricsJson);
        run.storage().delete(run.layout().rejectedMetrics());
    }

    /**
     * Logs the drops beyond the tolerance; with {@code evaluation.fail_on_regression} and no {@code --accept},
     * throws {@link RegressionException} (call it once the reports are written).
     */
    void judge() {
        if (changes.regressions().isEmpty()) {
            return;
        }
        String dropped = String.join(", ", changes.regressions().stream().map(r -> r.key() + " "
                + String.format("%.4f -> %.4f", r.previous(), r.current())).toList());
        LOG.warn("[evaluate] dropped since run {} by more than {}: {}", changes.previousRunId(),
                changes.tolerance(), dropped);
        if (rejected()) {
            throw new RegressionException("quality dropped since run " + changes.previousRunId()
                    + " by more than evaluation.regression_tolerance (" + changes.tolerance() + "): " + dropped
                    + ". The report is written: " + run.layout().report() + " and " + run.layout().htmlReport()
                    + "; this evaluation's metrics are in " + run.layout().rejectedMetrics() + ", and "
                    + run.layout().metrics() + " (run " + changes.previousRunId() + ") stays the baseline, so a "
                    + "rerun fails the same way. To make this run the baseline anyway: distill evaluate --accept");
        }
        if (acceptDrop && run.config().evaluation().failOnRegression()) {
            LOG.warn("[evaluate] accepted despite the drop (--accept): {} is the new baseline",
                    run.layout().metrics());
        }
    }
}
