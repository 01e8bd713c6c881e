package io.sparkdistill.jobs.provenance;

import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.ingest.InputChecksums;
import io.sparkdistill.provenance.EffectiveConfig;
import io.sparkdistill.provenance.ProjectBuild;
import io.sparkdistill.provenance.Provenance;
import io.sparkdistill.provenance.RuntimeVersions;
import io.sparkdistill.provenance.TeacherIdentity;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.Instant;
import java.util.List;

/**
 * The provenance of what a stage of this run writes (its students, its metrics and report), gathered on the driver:
 * the build, the versions, the effective config, the input files' checksums, and the teacher as the synthetic data
 * recorded it.
 */
public final class RunProvenances {

    private RunProvenances() {
    }

    /** {@code synthetic} is the synthetic data (or a split of it) the stage learns from or evaluates on. */
    public static Provenance of(RunContext run, Dataset<Row> synthetic) {
        JobConfig config = run.config();
        Hyperparameters h = config.hyperparameters();
        return new Provenance(run.runId(), Instant.now().toString(), ProjectBuild.current(),
                RuntimeVersions.current(run.spark().version()), EffectiveConfig.of(config),
                InputChecksums.of(run.spark().sparkContext().hadoopConfiguration(), config.data()),
                teacher(synthetic), h.asMap(), h.seed());
    }

    /** Read from one row: every row of one generate run records the same teacher. Null when there is no row. */
    private static TeacherIdentity teacher(Dataset<Row> synthetic) {
        List<Row> rows = synthetic.select("teacher_name", "teacher_version", "teacher_fingerprint",
                "template_version", "run_id").takeAsList(1);
        if (rows.isEmpty()) {
            return null;
        }
        Row t = rows.get(0);
        return new TeacherIdentity(t.getString(0), t.getString(1), t.getString(2), t.getString(3), t.getString(4));
    }
}
