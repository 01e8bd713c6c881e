package io.sparkdistill.jobs.generate;

import io.sparkdistill.config.JobConfig;
import io.sparkdistill.config.TeacherConfig;
import io.sparkdistill.ingest.Example;
import io.sparkdistill.jobs.JsonFiles;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.StageProgress;
import io.sparkdistill.teacher.TeacherInfo;
import io.sparkdistill.teacher.api.ApiTeacherProvenance;
import io.sparkdistill.teacher.api.EndpointConfig;
import io.sparkdistill.teacher.api.GenerationParameters;
import io.sparkdistill.teacher.batch.BatchResultLine;
import io.sparkdistill.teacher.prompt.PromptTemplate;
import io.sparkdistill.teacher.prompt.PromptTemplates;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

/**
 * An OpenAI-compatible endpoint as teacher. Every pending example ends in exactly one of {@code synthetic/}
 * (accepted), {@code rejected/} (failed validation, with the reason) or {@code failed/} (no answer after every
 * retry, with the last error). Rejected answers were paid for and are never asked again; failed ones are asked again
 * by the next run, so {@code failed/} holds the failures of the latest run only.
 */
final class ApiGeneration implements TeacherGeneration {
    private static final Logger LOG = LoggerFactory.getLogger(ApiGeneration.class);

    private final RunContext run;
    private final EndpointConfig endpoint;
    private final GenerationParameters parameters;
    private final PromptTemplate template;
    private final TeacherInfo info;

    ApiGeneration(RunContext run) {
        this.run = run;
        TeacherConfig teacher = run.config().teacher();
        this.endpoint = teacher.endpoint().toEndpointConfig();
        this.parameters = teacher.generation().toParameters();
        this.template = PromptTemplates.resolve(run.config().task(), teacher.promptTemplate())
                .withRationale(teacher.rationale());
        this.info = ApiTeacherProvenance.of(endpoint, parameters);
    }

    /** The prompt template this teacher is asked with (rationale mode included). */
    PromptTemplate template() {
        return template;
    }

    @Override
    public String teacherFingerprint() {
        return info.modelFingerprint();
    }

    @Override
    public GenerationCounts generate(JavaRDD<Example> pending, long count, LongAccumulator calls) {
        JobConfig config = run.config();
        TeacherConfig teacher = config.teacher();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(run.spark().sparkContext());
        int executors = executorCount(sc);
        ApiClients.Settings settings = new ApiClients.Settings(endpoint, teacher.maxAttempts(),
                share(teacher.requestsPerMinute(), executors), share(teacher.tokensPerMinute(), executors));
        LOG.info("[generate] teacher {} ({}), template {}, up to {} requests in flight per executor, {} executor(s)",
                info.name(), endpoint.chatCompletionsUri(), template.version(), endpoint.maxInFlight(), executors);

        // Answers are written a slice at a time: a run killed part way keeps what it paid for, and the next run
        // asks only for the rest.
        int slices = (int) Math.max(1, Math.ceil(count / (double) teacher.commitEveryRows()));
        GenerationCounts counts = GenerationCounts.none();
        try (StageProgress progress = StageProgress.start("generate", sc, calls, count, 10)) {
            for (int slice = 0; slice < slices; slice++) {
                int index = slice;
                JavaRDD<Example> part = slices == 1 ? pending
                        : pending.filter(e -> Math.floorMod(e.id().hashCode(), slices) == index);
                counts = counts.plus(answerAndWrite(part, settings, slice == 0, calls));
            }
        }
        LOG.info("[generate] {} accepted, {} rejected {}, {} failed {}; {} prompt + {} completion tokens, {} calls",
                counts.accepted(), counts.rejected(), counts.rejectedByReason(), counts.failed(),
                counts.failedByKind(), counts.promptTokens(), counts.completionTokens(), counts.attempts());
        return counts;
    }

    private GenerationCounts answerAndWrite(JavaRDD<Example> examples, ApiClients.Settings settings,
                                            boolean firstSlice, LongAccumulator calls) {
        PromptTemplate prompt = template;
        GenerationParameters sampling = parameters;
        List<String> labels = run.config().labels();
        JavaRDD<GenerationOutcome> outcomes = examples.mapPartitions(
                part -> new ApiPartitionGenerator(part, settings, prompt, sampling, labels, calls));
        return writeAndCount(outcomes, firstSlice);
    }

    /**
     * Takes a Batch API output file's answers as the teacher's: each result is judged and written exactly as a live
     * answer would be. Results for examples that are not pending (answered since) are ignored; pending examples
     * without a result stay pending for the next run or batch.
     */
    GenerationCounts importBatch(JavaRDD<Example> pending, JavaRDD<BatchResultLine> results, LongAccumulator calls) {
        AnswerJudge judge = new AnswerJudge(template, run.config().labels());
        JavaRDD<GenerationOutcome> outcomes = pending.mapToPair(e -> new Tuple2<>(e.id(), e))
                .join(results.mapToPair(r -> new Tuple2<>(r.customId(), r)))
                .values()
                .map(pair -> {
                    calls.add(1);
                    return judge.judge(pair._1(), pair._2().toChatResult());
                });
        GenerationCounts counts = writeAndCount(outcomes, true);
        LOG.info("[batch-import] {} results taken: {} accepted, {} rejected, {} failed", calls.value(),
                counts.accepted(), counts.rejected(), counts.failed());
        return counts;
    }

    /** The provenance of this teacher's rows, stamped {@code now}. */
    SyntheticSchema.Provenance provenance(Timestamp now) {
        return new SyntheticSchema.Provenance(info.name(), info.version(), info.modelFingerprint(),
                JsonFiles.write(info.details()),
                parameters.temperature() == null ? GenerationParameters.DEFAULT_TEMPERATURE : parameters.temperature(),
                run.runId(), now);
    }

    private GenerationCounts writeAndCount(JavaRDD<GenerationOutcome> outcomes, boolean firstSlice) {
        // Persisted before the three writes below so that nothing is asked (and paid for) twice.
        outcomes.persist(StorageLevel.MEMORY_AND_DISK());
        outcomes.count();
        Timestamp now = new Timestamp(System.currentTimeMillis());
        write(outcomes, provenance(now), now, firstSlice);
        GenerationCounts counts = count(outcomes);
        outcomes.unpersist(false);
        return counts;
    }

    /**
     * Failures first: {@code failed/} holds the latest run's failures, so the run's first slice replaces it. If the
     * run is killed between two of these writes, an example may be in none of the three outputs, never in two; the
     * next run asks for it again.
     */
    private void write(JavaRDD<GenerationOutcome> outcomes, SyntheticSchema.Provenance provenance, Timestamp now,
                       boolean firstSlice) {
        String runId = run.runId();
        JavaRDD<Row> failed = outcomes.filter(o -> o.status() == GenerationOutcome.Status.FAILED)
                .map(o -> OutcomeSchemas.failed(o, runId, now));
        run.spark().createDataFrame(failed, OutcomeSchemas.FAILED).write()
                .mode(firstSlice ? SaveMode.Overwrite : SaveMode.Append).parquet(run.layout().failed());
        JavaRDD<Row> rejected = outcomes.filter(o -> o.status() == GenerationOutcome.Status.REJECTED)
                .map(o -> OutcomeSchemas.rejected(o, provenance));
        run.spark().createDataFrame(rejected, OutcomeSchemas.REJECTED).write().mode(SaveMode.Append)
                .parquet(run.layout().rejected());
        JavaRDD<Row> accepted = outcomes.filter(o -> o.status() == GenerationOutcome.Status.ACCEPTED)
                .map(o -> SyntheticSchema.toRow(o.example(), o.answer(), provenance, o.rationale(), o.usage()));
        run.spark().createDataFrame(accepted, SyntheticSchema.SCHEMA).write().mode(SaveMode.Append)
                .partitionBy("split").parquet(run.layout().synthetic());
    }

    /** All the counts in one pass over the outcomes. */
    private static GenerationCounts count(JavaRDD<GenerationOutcome> outcomes) {
        return outcomes.map(GenerationCounts::of).fold(GenerationCounts.none(), GenerationCounts::plus);
    }

    /**
     * Executors the job's rate limits are split over: {@code spark.executor.instances} when set, otherwise the
     * executors registered now (the driver alone in local mode).
     */
    private static int executorCount(JavaSparkContext sc) {
        int configured = sc.getConf().getInt("spark.executor.instances", 0);
        if (configured > 0) {
            return configured;
        }
        return Math.max(1, sc.sc().getExecutorMemoryStatus().size() - 1);
    }

    private static Integer share(Integer limit, int executors) {
        return limit == null ? null : Math.max(2, limit / executors);
    }
}
