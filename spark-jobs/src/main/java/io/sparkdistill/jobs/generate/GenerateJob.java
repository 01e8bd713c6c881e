package io.sparkdistill.jobs.generate;

import io.sparkdistill.config.ConfigException;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.config.ApiTeacherConfig;
import io.sparkdistill.config.TeacherConfig;
import io.sparkdistill.config.LocalTeacherConfig;
import io.sparkdistill.error.UserError;
import io.sparkdistill.ingest.Example;
import io.sparkdistill.jobs.DriverHeap;
import io.sparkdistill.jobs.InputException;
import io.sparkdistill.jobs.JsonFiles;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.ingest.IngestResult;
import io.sparkdistill.jobs.ingest.InputReader;
import io.sparkdistill.jobs.store.GenerateSummary;
import io.sparkdistill.jobs.store.OutcomeSchemas;
import io.sparkdistill.jobs.store.SyntheticStore;
import io.sparkdistill.teacher.batch.BatchResultLine;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.List;

/**
 * Stage 1: the teacher answers every valid example that the run folder has no answer for yet. Examples are spread
 * over the executors by id; the teacher (the embedded encoder, a local model or an API endpoint) is set up once per
 * executor JVM.
 * Answers are appended, so a rerun or a nightly run with new rows pays only for what is new.
 */
public final class GenerateJob {
    private static final Logger LOG = LoggerFactory.getLogger(GenerateJob.class);

    private final RunContext run;

    public GenerateJob(RunContext run) {
        this.run = run;
    }

    /**
     * Sends every pending example to the teacher and writes the outcomes; with several teachers, to each of them in
     * its own folder, then combines their answers.
     */
    public GenerateSummary run() {
        if (run.config().isEnsemble()) {
            return new EnsembleGeneration(run).run();
        }
        GenerationPhases phases = new GenerationPhases();
        TeacherGeneration teacher = teacherOf(run, phases);
        return process("generate", teacher.teacherFingerprint(), teacher::generate, phases);
    }

    /** The generation of the run's teacher (its first, for an ensemble). */
    static TeacherGeneration teacherOf(RunContext run) {
        return teacherOf(run, new GenerationPhases());
    }

    /** The generation of the run's teacher; an API teacher times its phases into {@code phases}. */
    private static TeacherGeneration teacherOf(RunContext run, GenerationPhases phases) {
        TeacherConfig teacher = run.config().teacher();
        if (teacher instanceof ApiTeacherConfig) {
            return new ApiGeneration(run, phases);
        }
        return teacher instanceof LocalTeacherConfig local ? new LocalModelGeneration(run, local.local())
                : new EmbeddedGeneration(run);
    }

    /**
     * Writes the pending examples as an OpenAI / Azure Batch API input file instead of calling the teacher: half the
     * price for users who can wait. {@link #importBatch} takes the batch's output file back.
     */
    public BatchInputExport.Manifest exportBatch() {
        requireApiTeacher("batch-export");
        ApiGeneration api = new ApiGeneration(run);
        checkSameTeacher(api.teacherFingerprint());
        Pending pending = pending("batch-export", new GenerationPhases());
        BatchInputExport.Manifest manifest = BatchInputExport.write(run.spark(), run.layout(),
                pending.examples().values(), api.template(), api.parameters(),
                api.endpoint(), run.config().labels());
        pending.release();
        LOG.info("[batch-export] {} requests written to {}", pending.count(), BatchInputExport.inputFolder(run.layout()));
        return manifest;
    }

    /** Takes a Batch API output file (or folder of them) as the teacher's answers to the pending examples. */
    public GenerateSummary importBatch(String results) {
        requireApiTeacher("batch-import");
        GenerationPhases phases = new GenerationPhases();
        ApiGeneration api = new ApiGeneration(run, phases);
        JavaRDD<BatchResultLine> lines = BatchOutputImport.read(run.spark(), results);
        return process("batch-import", api.teacherFingerprint(),
                (examples, count, calls) -> api.importBatch(examples, lines, calls), phases);
    }

    private GenerateSummary process(String stage, String fingerprint, TeacherGeneration.Pass pass,
                                    GenerationPhases phases) {
        long start = System.nanoTime();
        DriverHeap.resetPeak();
        JobConfig config = run.config();
        phases.time("same_teacher_check", () -> checkSameTeacher(fingerprint));
        Pending pending = pending(stage, phases);
        LongAccumulator calls = run.spark().sparkContext().longAccumulator("teacher calls");
        long named = phases.totalNanos();
        long passStart = System.nanoTime();
        GenerationCounts counts = pending.count() > 0 ? pass.run(pending.examples().values(), pending.count(), calls)
                : GenerationCounts.none();
        // What the teacher's pass did not time itself: all of it for the offline teachers.
        phases.add("answers_other", Math.max(0, System.nanoTime() - passStart - (phases.totalNanos() - named)));
        pending.release();

        double cost = config.teacher() instanceof ApiTeacherConfig api
                ? api.cost(counts.promptTokens(), counts.completionTokens()) : 0;
        IngestResult input = pending.input();
        UserError tooFewAccepted = phases.time("accepted_share_check",
                () -> acceptedShareProblem(pending.unique(), counts.accepted()));
        GenerateSummary summary = new GenerateSummary(run.runId(), input.validBySplit(), input.quarantinedByReason(),
                input.splitOverlap(), pending.duplicates(), pending.unique() - pending.count(), counts.accepted(),
                counts.rejectedByReason(), counts.failedByKind(), counts.calls(), counts.reused(), counts.attempts(),
                counts.promptTokens(), counts.completionTokens(), cost, counts.headFitted(),
                (System.nanoTime() - start) / 1e9, DriverHeap.peakMib(), null, phases.seconds());
        run.storage().writeString(run.layout().generateSummary(), JsonFiles.write(summary));
        LOG.info("[{}] done: {} new synthetic rows, {} rejected, {} failed, {} teacher calls, {} quarantined, in {} s;"
                        + " driver peak heap {} MiB; phases: {}", stage, summary.generated(), counts.rejected(),
                counts.failed(), summary.teacherCalls(), input.quarantined(), String.format("%.1f", summary.seconds()),
                String.format("%.0f", summary.driverPeakHeapMib()), phases.describe());
        if (tooFewAccepted != null) {
            throw tooFewAccepted;
        }
        return summary;
    }

    /** The valid input examples, once each, that have no accepted or rejected answer in the run folder yet. */
    private record Pending(IngestResult input, JavaPairRDD<String, Example> examples, long unique, long duplicates,
                           long count) {
        void release() {
            examples.unpersist(false);
            input.examples().unpersist(false);
        }
    }

    private Pending pending(String stage, GenerationPhases phases) {
        JobConfig config = run.config();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(run.spark().sparkContext());
        sc.setJobGroup("generate", "spark-distill " + stage + " " + config.name(), false);
        for (String output : List.of(run.layout().synthetic(), run.layout().rejected())) {
            if (run.storage().discardIncomplete(output)) {
                LOG.warn("[{}] removed {}: its first write never completed (a killed run); its examples are pending",
                        stage, output);
            }
        }
        IngestResult input = phases.time("input", () -> new InputReader(run.spark(), config)
                .read(run.layout().quarantine()));
        long pendingStart = System.nanoTime();
        int partitions = config.spark().partitions();
        JavaRDD<Example> examples = input.examples();
        long copies = 0;
        if (config.data().augmentation().enabled()) {
            JavaRDD<Example> augmented = AugmentedCopies.of(examples, config.data().augmentation(), sc);
            copies = augmented.count();
            LOG.info("[{}] data.augmentation: {} copies of the training examples join the transfer rows", stage,
                    copies);
            examples = examples.union(augmented);
        }
        JavaPairRDD<String, Example> unique = examples.mapToPair(e -> new Tuple2<>(e.id(), e))
                .reduceByKey((a, b) -> a.sourceLine() <= b.sourceLine() ? a : b, partitions);

        JavaPairRDD<String, Example> pending = unique;
        List<Dataset<Row>> answered = new ArrayList<>();
        SyntheticStore synthetic = SyntheticStore.of(run);
        if (synthetic.exists()) {
            answered.add(synthetic.read());
        }
        if (run.storage().isCompleteDataset(run.layout().rejected())) {
            answered.add(run.spark().read().schema(OutcomeSchemas.REJECTED).parquet(run.layout().rejected()));
        }
        for (Dataset<Row> output : answered) {
            JavaPairRDD<String, Boolean> done = output.select("id").javaRDD()
                    .mapToPair(r -> new Tuple2<>(r.getString(0), Boolean.TRUE));
            pending = pending.subtractByKey(done, new HashPartitioner(partitions));
        }
        pending.persist(StorageLevel.MEMORY_AND_DISK());
        long todo = pending.count();
        // With no earlier answers every unique example is pending: one count, not two.
        long uniqueCount = answered.isEmpty() ? todo : unique.count();
        phases.add("pending", System.nanoTime() - pendingStart);
        LOG.info("[{}] {} unique examples, {} answered by earlier runs in {}, {} to send to the teacher",
                stage, uniqueCount, uniqueCount - todo, run.layout().root(), todo);
        return new Pending(input, pending, uniqueCount, input.valid() + copies - uniqueCount, todo);
    }

    private void requireApiTeacher(String command) {
        if (run.config().isEnsemble()) {
            throw new ConfigException(command + " works with one teacher; this job lists "
                    + run.config().teachers().size() + " under teachers:. Write a job with that teacher alone, "
                    + "output.dir " + run.layout().root() + "/teachers and output.run_name its name, and run "
                    + command + " with it; the ensemble's next generate uses its answers.");
        }
        if (!(run.config().teacher() instanceof ApiTeacherConfig)) {
            throw new ConfigException(command + " needs an API teacher (teacher.kind: api); this job's teacher is "
                    + run.config().teacher().kind());
        }
    }

    /**
     * The error that fails the run, after everything is written, when too few of the run folder's examples have an
     * accepted answer: a share over the whole data set, so a rerun that retries only the hard cases is judged by the
     * whole. Null when the share is enough; when this run's own accepted answers make it, the run folder is not read.
     */
    private UserError acceptedShareProblem(long examples, long acceptedNow) {
        if (!(run.config().teacher() instanceof ApiTeacherConfig api) || examples == 0) {
            return null;
        }
        double minimum = api.minAcceptedShare();
        if ((double) acceptedNow / examples >= minimum) {
            return null;
        }
        SyntheticStore synthetic = SyntheticStore.of(run);
        long accepted = synthetic.exists() ? synthetic.read().count() : 0;
        double share = (double) accepted / examples;
        if (share < minimum) {
            return new UserError(UserError.Kind.TEACHER, String.format("only %d of %d examples (%.1f%%) have an "
                    + "accepted answer, "
                    + "below teacher.min_accepted_share %.1f%%; see %s and %s for why. Everything is written: fix "
                    + "the cause and run generate again, it asks only for what is missing.", accepted, examples,
                    100 * share, 100 * minimum, run.layout().rejected(), run.layout().failed()));
        }
        return null;
    }

    /** A run folder holds the answers of one teacher: mixing two would train the student on a blend no one chose. */
    private void checkSameTeacher(String fingerprint) {
        SyntheticStore synthetic = SyntheticStore.of(run);
        if (!synthetic.exists()) {
            return;
        }
        List<String> found = synthetic.read().select("teacher_fingerprint")
                .distinct().limit(5).as(Encoders.STRING()).collectAsList();
        if (!found.isEmpty() && !found.equals(List.of(fingerprint))) {
            throw new InputException(run.layout().synthetic() + " holds answers of teacher " + found
                    + ", but this config's teacher is " + fingerprint + ". Set output.run_name to start a new run "
                    + "folder for this teacher.");
        }
    }
}
