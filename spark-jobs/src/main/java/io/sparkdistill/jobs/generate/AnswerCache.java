package io.sparkdistill.jobs.generate;

import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.teacher.cache.JournalEntry;
import io.sparkdistill.teacher.cache.ResponseJson;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

import java.sql.Timestamp;

import static org.apache.spark.sql.functions.col;

/**
 * The answers an API teacher was paid for, kept by {@link io.sparkdistill.teacher.cache.PromptKey} in
 * {@code output.teacher_cache} (Parquet, appended to), so that no run that shares the folder pays twice for the same
 * prompt to the same teacher: a nightly run in a fresh run folder, the same question in two splits, a generate run
 * killed after paying but before writing. Failed calls are not kept (the next run asks again); answers that were
 * then rejected are, as they were paid for and would be rejected again.
 */
final class AnswerCache {
    static final StructType SCHEMA = new StructType()
            .add("prompt_key", DataTypes.StringType, false)
            .add("teacher_fingerprint", DataTypes.StringType, false)
            .add("template_version", DataTypes.StringType, false)
            .add("response", DataTypes.StringType, false)
            .add("prompt_tokens", DataTypes.IntegerType, false)
            .add("completion_tokens", DataTypes.IntegerType, false)
            .add("run_id", DataTypes.StringType, false)
            .add("cached_at", DataTypes.TimestampType, false);

    private final RunContext run;

    AnswerCache(RunContext run) {
        this.run = run;
    }

    boolean enabled() {
        return run.config().output().cachesAnswers();
    }

    private String folder() {
        return run.config().output().teacherCache();
    }

    /** The answers bought from this teacher, by prompt key; empty when caching is off or nothing was bought yet. */
    JavaPairRDD<String, CachedAnswer> answers(String teacherFingerprint) {
        if (!enabled() || !run.storage().isCompleteDataset(folder())) {
            return JavaSparkContext.fromSparkContext(run.spark().sparkContext()).<Tuple2<String, CachedAnswer>>emptyRDD()
                    .mapToPair(t -> t);
        }
        return run.spark().read().schema(SCHEMA).parquet(folder())
                .filter(col("teacher_fingerprint").equalTo(teacherFingerprint))
                .select("prompt_key", "response", "prompt_tokens", "completion_tokens")
                .javaRDD()
                .mapToPair(r -> new Tuple2<>(r.getString(0),
                        new CachedAnswer(r.getString(0), r.getString(1), r.getInt(2), r.getInt(3))));
    }

    /** Keeps the responses these outcomes paid for. */
    void keep(JavaRDD<GenerationOutcome> outcomes, String teacherFingerprint, Timestamp now) {
        if (!enabled()) {
            return;
        }
        String runId = run.runId();
        JavaRDD<Row> rows = outcomes.filter(o -> o.bought() != null)
                .map(o -> RowFactory.create(o.promptKey(), teacherFingerprint, o.usage().templateVersion(),
                        ResponseJson.write(o.bought()), o.usage().promptTokens(), o.usage().completionTokens(), runId,
                        now));
        run.spark().createDataFrame(rows, SCHEMA).write().mode(SaveMode.Append).parquet(folder());
    }

    /** Keeps answers recovered from the answer journal of a run that was killed before it committed them. */
    void keepJournaled(JavaRDD<JournalEntry> entries, Timestamp now) {
        String runId = run.runId();
        JavaRDD<Row> rows = entries.map(e -> RowFactory.create(e.promptKey(), e.teacherFingerprint(),
                e.templateVersion(), e.response(), e.promptTokens(), e.completionTokens(), runId, now));
        run.spark().createDataFrame(rows, SCHEMA).write().mode(SaveMode.Append).parquet(folder());
    }
}
