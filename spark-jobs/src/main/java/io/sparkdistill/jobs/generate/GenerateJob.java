package io.sparkdistill.jobs.generate;

import io.sparkdistill.config.JobConfig;
import io.sparkdistill.ingest.Example;
import io.sparkdistill.jobs.JsonFiles;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.ingest.IngestResult;
import io.sparkdistill.jobs.ingest.InputException;
import io.sparkdistill.jobs.ingest.InputReader;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

import java.util.List;
import java.util.Map;

/**
 * Stage 1: the teacher answers every valid example that the run folder has no answer for yet. Examples are spread
 * over the executors by id; the teacher (the embedded encoder, or an API endpoint) is set up once per executor JVM.
 * Answers are appended, so a rerun or a nightly run with new rows pays only for what is new.
 */
public final class GenerateJob {
    private static final Logger LOG = LoggerFactory.getLogger(GenerateJob.class);

    private final RunContext run;

    public GenerateJob(RunContext run) {
        this.run = run;
    }

    public GenerateSummary run() {
        long start = System.nanoTime();
        JobConfig config = run.config();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(run.spark().sparkContext());
        sc.setJobGroup("generate", "spark-distill generate " + config.name(), false);
        TeacherGeneration teacher = config.teacher().isApi() ? new ApiGeneration(run) : new EmbeddedGeneration(run);
        checkSameTeacher(teacher.teacherFingerprint());

        IngestResult input = new InputReader(run.spark(), config).read(run.layout().quarantine());
        int partitions = config.spark().partitions();
        JavaPairRDD<String, Example> unique = input.examples().mapToPair(e -> new Tuple2<>(e.id(), e))
                .reduceByKey((a, b) -> a.sourceLine() <= b.sourceLine() ? a : b, partitions);
        long uniqueCount = unique.count();
        long duplicates = input.valid() - uniqueCount;

        JavaPairRDD<String, Example> pending = unique;
        Map<String, StructType> answered = Map.of(run.layout().synthetic(), SyntheticSchema.SCHEMA,
                run.layout().rejected(), OutcomeSchemas.REJECTED);
        for (Map.Entry<String, StructType> output : answered.entrySet()) {
            if (run.storage().isCompleteDataset(output.getKey())) {
                JavaPairRDD<String, Boolean> done = run.spark().read().schema(output.getValue())
                        .parquet(output.getKey()).select("id")
                        .javaRDD().mapToPair(r -> new Tuple2<>(r.getString(0), Boolean.TRUE));
                pending = pending.subtractByKey(done, new HashPartitioner(partitions));
            }
        }
        pending.persist(StorageLevel.MEMORY_AND_DISK());
        long todo = pending.count();
        LOG.info("[generate] {} unique examples, {} answered by earlier runs in {}, {} to send to the teacher",
                uniqueCount, uniqueCount - todo, run.layout().root(), todo);

        LongAccumulator calls = sc.sc().longAccumulator("teacher calls");
        GenerationCounts counts = todo > 0 ? teacher.generate(pending.values(), todo, calls) : GenerationCounts.none();
        pending.unpersist(false);
        input.examples().unpersist(false);

        double cost = (counts.promptTokens() * config.teacher().promptPricePerMillion()
                + counts.completionTokens() * config.teacher().completionPricePerMillion()) / 1e6;
        GenerateSummary summary = new GenerateSummary(run.runId(), input.validBySplit(), input.quarantinedByReason(),
                duplicates, uniqueCount - todo, counts.accepted(), counts.rejectedByReason(), counts.failedByKind(),
                calls.value(), counts.attempts(), counts.promptTokens(), counts.completionTokens(), cost,
                counts.headFitted(), (System.nanoTime() - start) / 1e9);
        run.storage().writeString(run.layout().generateSummary(), JsonFiles.write(summary));
        checkAcceptedShare(uniqueCount);
        LOG.info("[generate] done: {} new synthetic rows, {} rejected, {} failed, {} teacher calls, {} quarantined, "
                        + "in {} s", summary.generated(), counts.rejected(), counts.failed(), summary.teacherCalls(),
                input.quarantined(), String.format("%.1f", summary.seconds()));
        return summary;
    }

    /**
     * Fails the run, after everything is written, when too few of the run folder's examples have an accepted answer:
     * a share over the whole data set, so a rerun that retries only the hard cases is judged by the whole.
     */
    private void checkAcceptedShare(long examples) {
        double minimum = run.config().teacher().minAcceptedShare();
        if (!run.config().teacher().isApi() || examples == 0) {
            return;
        }
        long accepted = run.storage().isCompleteDataset(run.layout().synthetic())
                ? SyntheticSchema.read(run.spark(), run.layout().synthetic()).count() : 0;
        double share = (double) accepted / examples;
        if (share < minimum) {
            throw new IllegalStateException(String.format("only %d of %d examples (%.1f%%) have an accepted answer, "
                    + "below teacher.min_accepted_share %.1f%%; see %s and %s for why. Everything is written: fix "
                    + "the cause and run generate again, it asks only for what is missing.", accepted, examples,
                    100 * share, 100 * minimum, run.layout().rejected(), run.layout().failed()));
        }
    }

    /** A run folder holds the answers of one teacher: mixing two would train the student on a blend no one chose. */
    private void checkSameTeacher(String fingerprint) {
        if (!run.storage().isCompleteDataset(run.layout().synthetic())) {
            return;
        }
        List<String> found = SyntheticSchema.read(run.spark(), run.layout().synthetic()).select("teacher_fingerprint")
                .distinct().limit(5).as(Encoders.STRING()).collectAsList();
        if (!found.isEmpty() && !found.equals(List.of(fingerprint))) {
            throw new InputException(run.layout().synthetic() + " holds answers of teacher " + found
                    + ", but this config's teacher is " + fingerprint + ". Set output.run_name to start a new run "
                    + "folder for this teacher.");
        }
    }
}
