package io.sparkdistill.jobs.generate;

import io.sparkdistill.jobs.InputException;
import io.sparkdistill.jobs.store.EnsembleSummary;
import io.sparkdistill.jobs.store.GenerateSummary;
import io.sparkdistill.jobs.store.SyntheticStore;
import io.sparkdistill.task.LabelTask;
import io.sparkdistill.task.TaskStrategies;

import io.sparkdistill.ingest.TaskType;

import io.sparkdistill.config.JobConfig;
import io.sparkdistill.config.TeacherEntry;
import io.sparkdistill.jobs.DriverHeap;
import io.sparkdistill.jobs.JsonFiles;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.RunLayout;
import io.sparkdistill.teacher.ensemble.TeacherEnsemble;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;

/**
 * Generate with several teachers ({@code teachers:}). Each teacher answers in its own run folder,
 * {@code <run>/teachers/<name>/}, exactly as if it were the job's only teacher (its own synthetic/, rejected/,
 * failed/, head and summary, so resuming and caching work per teacher); then their answers are combined into the
 * run's {@code synthetic/}, which the later stages read as usual.
 */
final class EnsembleGeneration {
    private static final Logger LOG = LoggerFactory.getLogger(EnsembleGeneration.class);
    static final String LABEL_DISAGREEMENT = "weighted share of the teachers that answered whose label differs "
            + "from the ensemble's label";
    static final String TEXT_DISAGREEMENT = "weighted share of the teachers that answered whose normalised answer "
            + "differs from the chosen answer";

    private final RunContext run;

    EnsembleGeneration(RunContext run) {
        this.run = run;
    }

    /** One teacher of the ensemble: its entry and the run of it alone. */
    private record Member(TeacherEntry entry, RunContext run, String fingerprint) {
    }

    GenerateSummary run() {
        long start = System.nanoTime();
        JobConfig config = run.config();
        refuseSingleTeacherAnswers();
        List<Member> members = new ArrayList<>();
        for (TeacherEntry entry : config.teachers()) {
            RunContext alone = new RunContext(config.withTeacher(entry.teacher()), run.spark(),
                    new RunLayout(run.layout().teacherRun(entry.name())), run.storage(), run.runId());
            members.add(new Member(entry, alone, GenerateJob.teacherOf(alone).teacherFingerprint()));
        }
        SyntheticStore combinedStore = SyntheticStore.of(run);
        long before = combinedStore.exists() ? combinedStore.read().count() : 0;

        Map<String, GenerateSummary> answered = new LinkedHashMap<>();
        for (Member m : members) {
            LOG.info("[generate] teacher {} of {}: {} (weight {}), in {}", answered.size() + 1, members.size(),
                    m.entry().name(), m.entry().weight(), m.run().layout().root());
            answered.put(m.entry().name(), new GenerateJob(m.run()).run());
        }
        copyQuarantine(members.get(0).run().layout());

        TeacherEnsemble ensemble = new TeacherEnsemble(config.teachers().stream()
                .map(e -> new TeacherEnsemble.Member(e.name(), e.weight())).toList());
        EnsembleRows rows = new EnsembleRows(ensemble, config.labels(), labelAnswers(config.task()),
                config.hyperparameters().temperature(), identity(members));
        Map<String, String> folders = new LinkedHashMap<>();
        members.forEach(m -> folders.put(m.entry().name(), m.run().layout().synthetic()));
        EnsembleCombiner.Result combined = new EnsembleCombiner(run, rows).combine(folders);

        GenerateSummary summary = summary(members, answered, combined, before, (System.nanoTime() - start) / 1e9);
        run.storage().writeString(run.layout().generateSummary(), JsonFiles.write(summary));
        LOG.info("[generate] {} teachers combined into {} rows ({} new), {} teacher calls; teachers disagree on {} "
                        + "rows ({}%)", members.size(), combined.rows(), summary.generated(), summary.teacherCalls(),
                combined.rowsWithDisagreement(), String.format("%.1f", 100 * summary.ensemble().disagreementRate()));
        return summary;
    }

    /**
     * The run's {@code synthetic/} is rewritten whole from the teachers' folders; answers a single teacher wrote
     * there (paid for, perhaps) would be lost, so a run folder of one teacher is not turned into an ensemble's.
     */
    private void refuseSingleTeacherAnswers() {
        SyntheticStore store = SyntheticStore.of(run);
        if (!store.exists()) {
            return;
        }
        Dataset<Row> synthetic = store.read();
        if (!synthetic.where(col("teacher_votes").isNull()).isEmpty()) {
            throw new InputException(run.layout().synthetic() + " holds the answers of a single teacher, which "
                    + "this job's teachers: list would replace. Set output.run_name to start a new run folder for "
                    + "the ensemble.");
        }
    }

    /** The input rows set aside are the same for every teacher: the first one's are the run's. */
    private void copyQuarantine(RunLayout first) {
        if (run.storage().isCompleteDataset(first.quarantine())) {
            run.spark().read().parquet(first.quarantine()).coalesce(1).write().mode(SaveMode.Overwrite)
                    .parquet(run.layout().quarantine());
        } else {
            run.storage().delete(run.layout().quarantine());
        }
    }

    /**
     * The ensemble as its rows name it. Its fingerprint covers each teacher's name, fingerprint and weight, so it
     * changes whenever the blend does.
     */
    private EnsembleRows.Identity identity(List<Member> members) {
        StringBuilder key = new StringBuilder();
        List<Map<String, Object>> described = new ArrayList<>();
        for (Member m : members) {
            key.append(m.entry().name()).append('|').append(m.fingerprint()).append('|').append(m.entry().weight())
                    .append('\n');
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", m.entry().name());
            d.put("kind", m.entry().teacher().kind().configName());
            d.put("weight", m.entry().weight());
            d.put("fingerprint", m.fingerprint());
            d.put("folder", m.run().layout().root());
            described.add(d);
        }
        boolean labels = labelAnswers(run.config().task());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("ensemble", described);
        details.put("combined", labels
                ? "weighted mean of the teachers' softmax(logits / T) at T = " + run.config().hyperparameters()
                .temperature() + "; logits = T * ln(mean)"
                : "the answer of the highest-weight teacher that answered");
        details.put("disagreement", labels ? LABEL_DISAGREEMENT : TEXT_DISAGREEMENT);
        String name = "ensemble of " + String.join(", ", members.stream()
                .map(m -> m.entry().name() + " x" + m.entry().weight()).toList());
        return new EnsembleRows.Identity(name, "ensemble-v1", sha256(key.toString()).substring(0, 12),
                JsonFiles.write(details));
    }

    private GenerateSummary summary(List<Member> members, Map<String, GenerateSummary> answered,
                                    EnsembleCombiner.Result combined, long before, double seconds) {
        List<EnsembleSummary.Member> described = new ArrayList<>();
        Map<String, Long> rejected = new TreeMap<>();
        Map<String, Long> failed = new TreeMap<>();
        long calls = 0;
        long reused = 0;
        long attempts = 0;
        long promptTokens = 0;
        long completionTokens = 0;
        double cost = 0;
        boolean headFitted = false;
        double driverPeakHeap = DriverHeap.peakMib();
        for (Member m : members) {
            GenerateSummary s = answered.get(m.entry().name());
            SyntheticStore own = SyntheticStore.of(m.run());
            long rows = own.exists() ? own.read().count() : 0;
            described.add(new EnsembleSummary.Member(m.entry().name(), m.entry().teacher().kind().configName(),
                    m.entry().weight(), m.fingerprint(), m.run().layout().root(), rows, s.generated(),
                    total(s.rejectedByReason()), total(s.failedByKind()), s.teacherCalls(), s.estimatedCost()));
            s.rejectedByReason().forEach((reason, n) -> rejected.merge(reason, n, Long::sum));
            s.failedByKind().forEach((kind, n) -> failed.merge(kind, n, Long::sum));
            calls += s.teacherCalls();
            reused += s.answersReused();
            attempts += s.attempts();
            promptTokens += s.promptTokens();
            completionTokens += s.completionTokens();
            cost += s.estimatedCost();
            headFitted |= s.headFitted();
            driverPeakHeap = Math.max(driverPeakHeap, s.driverPeakHeapMib());
        }
        EnsembleSummary ensemble = new EnsembleSummary(described, combined.rows(), combined.rowsByTeachersAnswered(),
                combined.rowsWithDisagreement(),
                combined.rows() == 0 ? 0 : (double) combined.rowsWithDisagreement() / combined.rows(),
                combined.meanDisagreement(),
                labelAnswers(run.config().task()) ? LABEL_DISAGREEMENT : TEXT_DISAGREEMENT);
        GenerateSummary first = answered.values().iterator().next();
        long generated = Math.max(0, combined.rows() - before);
        return new GenerateSummary(run.runId(), first.validBySplit(), first.quarantinedByReason(),
                first.splitOverlap(), first.duplicateRows(), combined.rows() - generated, generated, rejected, failed,
                calls, reused, attempts, promptTokens, completionTokens, cost, headFitted, seconds, driverPeakHeap,
                ensemble, Map.of());
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Whether the teachers' answers are labels, combined as soft labels, rather than free text. */
    private static boolean labelAnswers(TaskType task) {
        return TaskStrategies.of(task) instanceof LabelTask;
    }
}
