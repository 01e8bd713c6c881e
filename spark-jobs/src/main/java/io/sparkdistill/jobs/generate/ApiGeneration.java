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
import io.sparkdistill.teacher.prompt.PromptTask;
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

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
        this.template = PromptTemplates.resolve(PromptTask.of(run.config().task()), teacher.promptTemplate())
                .withRationale(teacher.rationale());
        this.info = ApiTeacherProvenance.of(endpoint, parameters);
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

        PromptTemplate prompt = template;
        GenerationParameters sampling = parameters;
        List<String> labels = config.labels();
        JavaRDD<GenerationOutcome> outcomes = pending.mapPartitions(
                part -> new ApiPartitionGenerator(part, settings, prompt, sampling, labels, calls));
        // Persisted before the three writes below so that nothing is asked (and paid for) twice.
        outcomes.persist(StorageLevel.MEMORY_AND_DISK());
        try (StageProgress progress = StageProgress.start("generate", sc, calls, count, 10)) {
            outcomes.count();
        }

        Timestamp now = new Timestamp(System.currentTimeMillis());
        SyntheticSchema.Provenance provenance = new SyntheticSchema.Provenance(info.name(), info.version(),
                info.modelFingerprint(), JsonFiles.write(info.details()),
                parameters.temperature() == null ? GenerationParameters.DEFAULT_TEMPERATURE : parameters.temperature(),
                run.runId(), now);
        write(outcomes, provenance, now);
        GenerationCounts counts = count(outcomes);
        outcomes.unpersist(false);

        LOG.info("[generate] {} accepted, {} rejected {}, {} failed {}; {} prompt + {} completion tokens, {} calls",
                counts.accepted(), counts.rejected(), counts.rejectedByReason(), counts.failed(),
                counts.failedByKind(), counts.promptTokens(), counts.completionTokens(), counts.attempts());
        return counts;
    }

    private void write(JavaRDD<GenerationOutcome> outcomes, SyntheticSchema.Provenance provenance, Timestamp now) {
        String runId = run.runId();
        JavaRDD<Row> accepted = outcomes.filter(o -> o.status() == GenerationOutcome.Status.ACCEPTED)
                .map(o -> SyntheticSchema.toRow(o.example(), o.answer(), provenance, o.rationale(), o.usage()));
        run.spark().createDataFrame(accepted, SyntheticSchema.SCHEMA).write().mode(SaveMode.Append)
                .partitionBy("split").parquet(run.layout().synthetic());
        JavaRDD<Row> rejected = outcomes.filter(o -> o.status() == GenerationOutcome.Status.REJECTED)
                .map(o -> OutcomeSchemas.rejected(o, provenance));
        run.spark().createDataFrame(rejected, OutcomeSchemas.REJECTED).write().mode(SaveMode.Append)
                .parquet(run.layout().rejected());
        JavaRDD<Row> failed = outcomes.filter(o -> o.status() == GenerationOutcome.Status.FAILED)
                .map(o -> OutcomeSchemas.failed(o, runId, now));
        run.spark().createDataFrame(failed, OutcomeSchemas.FAILED).write().mode(SaveMode.Overwrite)
                .parquet(run.layout().failed());
    }

    private static GenerationCounts count(JavaRDD<GenerationOutcome> outcomes) {
        Map<String, Long> rejected = new TreeMap<>(outcomes
                .filter(o -> o.status() == GenerationOutcome.Status.REJECTED).map(GenerationOutcome::reason)
                .countByValue());
        Map<String, Long> failed = new TreeMap<>(outcomes
                .filter(o -> o.status() == GenerationOutcome.Status.FAILED).map(GenerationOutcome::reason)
                .countByValue());
        long[] totals = outcomes.map(o -> new long[]{o.status() == GenerationOutcome.Status.ACCEPTED ? 1 : 0,
                        o.usage().promptTokens(), o.usage().completionTokens(), o.usage().attempts()})
                .fold(new long[4], (a, b) -> new long[]{a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]});
        return new GenerationCounts(totals[0], rejected, failed, totals[1], totals[2], totals[3], false);
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
