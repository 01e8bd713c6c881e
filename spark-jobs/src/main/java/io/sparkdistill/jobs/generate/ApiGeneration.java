package io.sparkdistill.jobs.generate;

import io.sparkdistill.config.JobConfig;
import io.sparkdistill.config.ApiTeacherConfig;
import io.sparkdistill.error.UserError;
import io.sparkdistill.ingest.Example;
import io.sparkdistill.jobs.JsonFiles;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.StageProgress;
import io.sparkdistill.jobs.store.OutcomeSchemas;
import io.sparkdistill.jobs.store.SyntheticSchema;
import io.sparkdistill.jobs.store.SyntheticStore;
import io.sparkdistill.teacher.TeacherInfo;
import io.sparkdistill.teacher.api.ApiTeacherProvenance;
import io.sparkdistill.teacher.api.AuthFailureBreaker;
import io.sparkdistill.teacher.api.TeacherCallException;
import io.sparkdistill.teacher.api.EndpointConfig;
import io.sparkdistill.teacher.api.ChatResult;
import io.sparkdistill.teacher.api.GenerationParameters;
import io.sparkdistill.error.UrlCredentials;
import io.sparkdistill.teacher.batch.BatchResultLine;
import io.sparkdistill.teacher.cache.PromptKey;
import io.sparkdistill.teacher.prompt.PromptTemplate;
import io.sparkdistill.teacher.prompt.PromptTemplates;
import org.apache.spark.api.java.JavaPairRDD;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

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
    private final GenerationPhases phases;

    ApiGeneration(RunContext run) {
        this(run, new GenerationPhases());
    }

    /** A generation that times its phases into {@code phases}. */
    ApiGeneration(RunContext run, GenerationPhases phases) {
        this.run = run;
        this.phases = phases;
        ApiTeacherConfig teacher = teacher(run.config());
        this.endpoint = EndpointConfig.of(teacher.endpoint());
        this.parameters = GenerationParameters.of(teacher.generation());
        this.template = PromptTemplates.resolve(run.config().task(), teacher.promptTemplate())
                .withRationale(teacher.rationale());
        this.info = ApiTeacherProvenance.of(endpoint, parameters);
    }

    /** The job's teacher, which is an API teacher when this generation runs. */
    private static ApiTeacherConfig teacher(JobConfig config) {
        return (ApiTeacherConfig) config.teacher();
    }

    /** The endpoint this teacher is called at. */
    EndpointConfig endpoint() {
        return endpoint;
    }

    /** The sampling parameters this teacher is asked with. */
    GenerationParameters parameters() {
        return parameters;
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
        ApiTeacherConfig teacher = teacher(config);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(run.spark().sparkContext());
        int executors = executorCount(sc);
        ApiClients.Settings settings = new ApiClients.Settings(endpoint, teacher.maxAttempts(),
                share(teacher.requestsPerMinute(), executors), share(teacher.tokensPerMinute(), executors));
        LOG.info("[generate] teacher {} ({}), template {}, up to {} requests in flight per executor, {} executor(s)",
                info.name(), UrlCredentials.redact(endpoint.chatCompletionsUri().toString()), template.version(),
                endpoint.maxInFlight(), executors);

        AnswerJournal journal = new AnswerJournal(run, teacherFingerprint(), template.version());
        JavaRDD<PromptGroup> groups = promptGroups(pending, phases.time("journal_recover", journal::recover));
        // Outcomes are written a slice at a time, so a rerun need not go over the whole input again; every answer
        // is journaled as it is paid for, so a run killed in the middle of a slice keeps those too.
        int slices = (int) Math.max(1, Math.ceil(count / (double) teacher.commitEveryRows()));
        GenerationMeters meters = new GenerationMeters(calls, sc.sc().longAccumulator("teacher tokens"),
                sc.sc().longAccumulator("teacher failures"));
        BreakerHandle breaker = new BreakerHandle(UUID.randomUUID().toString(),
                teacher.endpoint().maxConsecutiveAuthFailures(), sc.sc().collectionAccumulator("teacher refusals"));
        GenerationCounts counts;
        try (StageProgress progress = StageProgress.start("generate", sc, calls, count, meters.tokens(),
                meters.failed()); SliceCommits commits = new SliceCommits(sc, phases)) {
            for (int slice = 0; slice < slices && breaker.openings().isZero() && !commits.failed(); slice++) {
                int index = slice;
                JavaRDD<PromptGroup> part = slices == 1 ? groups
                        : groups.filter(g -> Math.floorMod(g.promptKey().hashCode(), slices) == index);
                JournalSlice journaled = journal.slice(slice);
                JavaRDD<GenerationOutcome> answered = ask(part, settings, journaled, meters, breaker);
                boolean first = slice == 0;
                // The slice's journal goes once its answers are in the cache and its outcomes written; until then a
                // killed run leaves them to the next one.
                commits.queue(() -> {
                    GenerationCounts written = commit(answered, first);
                    journal.committed(journaled);
                    return written;
                });
            }
            counts = commits.await();
        }
        groups.unpersist(false);
        journal.finished();
        stopIfRefused(breaker, counts);
        LOG.info("[generate] {} accepted, {} rejected {}, {} failed {}; {} calls for {} prompts, {} answers reused "
                        + "(cache or same prompt); {} prompt + {} completion tokens",
                counts.accepted(), counts.rejected(), counts.rejectedByReason(), counts.failed(),
                counts.failedByKind(), counts.attempts(), counts.calls(), counts.reused(), counts.promptTokens(),
                counts.completionTokens());
        return counts;
    }

    /**
     * The pending examples gathered by the prompt they render into, each prompt with the answer the cache (or the
     * journal of a killed run) holds for it: a prompt is sent once however many examples share it, and never when
     * it was bought before.
     */
    private JavaRDD<PromptGroup> promptGroups(JavaRDD<Example> pending,
                                              JavaPairRDD<String, CachedAnswer> recovered) {
        String fingerprint = teacherFingerprint();
        PromptTemplate prompt = template;
        List<String> labels = run.config().labels();
        JavaPairRDD<String, Example> keyed = pending.mapToPair(e -> new Tuple2<>(
                PromptKey.of(fingerprint, prompt.version(), prompt.render(e.inputs(), labels)), e));
        JavaRDD<PromptGroup> groups = keyed.cogroup(new AnswerCache(run).answers(fingerprint).union(recovered),
                        run.config().spark().partitions())
                .flatMap(t -> {
                    List<Example> examples = new ArrayList<>();
                    t._2()._1().forEach(examples::add);
                    if (examples.isEmpty()) {
                        return Collections.emptyIterator();
                    }
                    examples.sort(Comparator.comparing(Example::id));
                    Iterator<CachedAnswer> cached = t._2()._2().iterator();
                    return List.of(new PromptGroup(t._1(), examples, cached.hasNext() ? cached.next() : null))
                            .iterator();
                });
        groups.persist(StorageLevel.MEMORY_AND_DISK());
        return groups;
    }

    /**
     * Ends the stage with the teacher's refusal as a user error once a breaker opened, after what was answered is
     * written: the examples not asked stay pending, and the next run asks only for them.
     */
    private void stopIfRefused(BreakerHandle breaker, GenerationCounts counts) {
        if (breaker.openings().isZero()) {
            return;
        }
        String[] opening = breaker.openings().value().get(0).split("\\|", 2);
        TeacherCallException.Kind kind = TeacherCallException.Kind.valueOf(opening[0]);
        String keySource = endpoint.apiKeyEnv() != null ? "the environment variable " + endpoint.apiKeyEnv()
                : endpoint.apiKeyFile() != null ? "the file " + endpoint.apiKeyFile() : "teacher.endpoint";
        throw new UserError(UserError.Kind.CREDENTIALS, "the teacher refused " + breaker.limit() + " calls in a row, "
                + "so generate stopped asking (teacher.endpoint.max_consecutive_auth_failures): " + opening[1] + ". "
                + AuthFailureBreaker.advice(kind, keySource) + ", then run generate again: the " + counts.accepted()
                + " accepted and " + counts.rejected() + " rejected answers of this run are kept, and only the "
                + "examples without an answer are asked.");
    }

    /** Asks the teacher for the groups' answers; they come back persisted, so that writing them never asks again. */
    private JavaRDD<GenerationOutcome> ask(JavaRDD<PromptGroup> groups, ApiClients.Settings settings,
                                           JournalSlice journal, GenerationMeters meters, BreakerHandle breaker) {
        PromptTemplate prompt = template;
        GenerationParameters sampling = parameters;
        List<String> labels = run.config().labels();
        JavaRDD<GenerationOutcome> answered = groups.mapPartitions(
                part -> new ApiPartitionGenerator(part, settings, journal, prompt, sampling, labels, meters,
                        breaker));
        answered.persist(StorageLevel.MEMORY_AND_DISK());
        phases.time("prompt_keys_cache_lookup_and_requests", answered::count);
        return answered;
    }

    /**
     * Takes a Batch API output file's answers as the teacher's: each result is judged and written exactly as a live
     * answer would be. Results for examples that are not pending (answered since) are ignored; pending examples
     * without a result stay pending for the next run or batch.
     */
    GenerationCounts importBatch(JavaRDD<Example> pending, JavaRDD<BatchResultLine> results, LongAccumulator calls) {
        AnswerJudge judge = new AnswerJudge(template, run.config().labels());
        String fingerprint = teacherFingerprint();
        PromptTemplate prompt = template;
        List<String> labels = run.config().labels();
        JavaRDD<GenerationOutcome> outcomes = pending.mapToPair(e -> new Tuple2<>(e.id(), e))
                .join(results.mapToPair(r -> new Tuple2<>(r.customId(), r)))
                .values()
                .map(pair -> {
                    calls.add(1);
                    Example example = pair._1();
                    ChatResult result = pair._2().toChatResult();
                    GenerationOutcome outcome = judge.judge(example, PromptKey.of(fingerprint, prompt.version(),
                            prompt.render(example.inputs(), labels)), result, GenerationOutcome.Source.TEACHER);
                    return result.succeeded() ? outcome.buying(result.response()) : outcome;
                });
        outcomes.persist(StorageLevel.MEMORY_AND_DISK());
        phases.time("batch_results_judged", outcomes::count);
        GenerationCounts counts = commit(outcomes, true);
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

    /**
     * Screens the accepted answers for run-wide duplicates and counts the outcomes, then keeps the bought answers in
     * the cache and writes each outcome that has rows to its folder: those all at once, as each reads the persisted
     * outcomes and writes a folder of its own. Counting first costs one small job and spares the empty writes (a
     * slice seldom has a rejected or failed answer), whose tasks would otherwise take the cores from the accepted
     * answers' write, the one the stage waits for after its last answer. The cache need not be written first: the
     * caller drops the slice's journal only after all of these, so a run killed in between leaves the answers to the
     * next run's journal recovery (a batch import's answers stay in its results file, to be imported again). An
     * example ends in one of the three outputs or, killed in between, in none (the next run asks for it again, and
     * finds its answer in the cache or the journal), never in two. {@code failed/} holds the latest run's failures,
     * so the run's first slice replaces it, or removes it when it has none.
     */
    private GenerationCounts commit(JavaRDD<GenerationOutcome> answered, boolean firstSlice) {
        Timestamp now = new Timestamp(System.currentTimeMillis());
        SyntheticSchema.Provenance provenance = provenance(now);
        String runId = run.runId();
        String fingerprint = teacherFingerprint();
        JavaRDD<GenerationOutcome> outcomes = new DuplicateScreen(run).screen(answered);
        outcomes.persist(StorageLevel.MEMORY_AND_DISK());
        GenerationCounts counts = phases.time("duplicate_screen_and_counts", () -> count(outcomes));
        int writers = OutputWriters.forRows(counts.accepted() + counts.rejected() + counts.failed(),
                outcomes.getNumPartitions());
        JavaRDD<GenerationOutcome> toWrite = outcomes.coalesce(writers);
        JavaRDD<Row> accepted = toWrite.filter(o -> o.status() == GenerationOutcome.Status.ACCEPTED)
                .map(o -> SyntheticSchema.toRow(o.example(), o.answer(), provenance, o.call()));
        ConcurrentJobs writes = new ConcurrentJobs(phases)
                .add("write_synthetic", () -> SyntheticStore.of(run)
                        .append(run.spark().createDataFrame(accepted, SyntheticSchema.SCHEMA)))
                .add("cache_write", () -> new AnswerCache(run).keep(answered.coalesce(writers), fingerprint, now));
        if (counts.failed() > 0) {
            JavaRDD<Row> failed = toWrite.filter(o -> o.status() == GenerationOutcome.Status.FAILED)
                    .map(o -> OutcomeSchemas.failed(o.example(), o.reason(), o.httpStatus(), o.detail(),
                            o.usage().attempts(), runId, now));
            writes.add("write_failed", () -> run.spark().createDataFrame(failed, OutcomeSchemas.FAILED).write()
                    .mode(firstSlice ? SaveMode.Overwrite : SaveMode.Append).parquet(run.layout().failed()));
        } else if (firstSlice) {
            run.storage().delete(run.layout().failed());
        }
        if (counts.rejected() > 0) {
            JavaRDD<Row> rejected = toWrite.filter(o -> o.status() == GenerationOutcome.Status.REJECTED)
                    .map(o -> OutcomeSchemas.rejected(o.example(), o.reason(), o.detail(), o.output(), o.call(),
                            provenance));
            writes.add("write_rejected", () -> run.spark().createDataFrame(rejected, OutcomeSchemas.REJECTED)
                    .write().mode(SaveMode.Append).parquet(run.layout().rejected()));
        }
        writes.run();
        outcomes.unpersist(false);
        answered.unpersist(false);
        return counts;
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
