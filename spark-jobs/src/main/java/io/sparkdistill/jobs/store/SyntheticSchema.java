package io.sparkdistill.jobs.store;

import io.sparkdistill.ingest.Example;
import io.sparkdistill.ingest.Split;
import io.sparkdistill.ingest.TaskType;
import io.sparkdistill.teacher.TeacherAnswer;
import io.sparkdistill.teacher.api.ChatResponse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The columns of {@code synthetic/}: the example, the teacher's answer (hard label, probabilities at the
 * temperature, raw logits so a later stage can re-temper them) and the provenance of that answer. The columns
 * from {@code teacher_rationale} to {@code latency_ms} describe an API teacher's call and are null for the embedded
 * teacher. {@code prompt_key}, {@code answer_source} ({@code teacher}, {@code cache} or {@code same-prompt}) and
 * {@code token_logprobs} (the chosen completion's tokens with their top-k alternatives, when the teacher sent them)
 * are an API teacher's too. {@code teacher_votes}, {@code teacher_disagreement} and {@code teachers_answered} are
 * set by a run with several teachers (generate's {@code EnsembleRows}) and null with one.
 */
public final class SyntheticSchema {
    private static final StructType TOP_LOGPROB = new StructType()
            .add("token", DataTypes.StringType, false)
            .add("logprob", DataTypes.FloatType, false);
    private static final StructType TOKEN_LOGPROB = new StructType()
            .add("token", DataTypes.StringType, false)
            .add("logprob", DataTypes.FloatType, false)
            .add("top", DataTypes.createArrayType(TOP_LOGPROB, false), false);

    public static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.StringType, false)
            .add("split", DataTypes.StringType, false)
            .add("task", DataTypes.StringType, false)
            .add("inputs", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), false)
            // null on transfer rows (data.transfer, data.augmentation): no gold label there, only the teacher's
            .add("label", DataTypes.StringType, true)
            .add("teacher_label", DataTypes.StringType, false)
            .add("teacher_probabilities", DataTypes.createArrayType(DataTypes.FloatType, false), false)
            .add("teacher_logits", DataTypes.createArrayType(DataTypes.FloatType, false), false)
            .add("temperature", DataTypes.DoubleType, false)
            .add("teacher_name", DataTypes.StringType, false)
            .add("teacher_version", DataTypes.StringType, false)
            .add("teacher_fingerprint", DataTypes.StringType, false)
            .add("teacher_details", DataTypes.StringType, false)
            .add("teacher_rationale", DataTypes.StringType, true)
            .add("template_version", DataTypes.StringType, true)
            .add("prompt_tokens", DataTypes.IntegerType, true)
            .add("completion_tokens", DataTypes.IntegerType, true)
            .add("attempts", DataTypes.IntegerType, true)
            .add("latency_ms", DataTypes.LongType, true)
            .add("run_id", DataTypes.StringType, false)
            .add("generated_at", DataTypes.TimestampType, false)
            .add("source_file", DataTypes.StringType, false)
            .add("source_line", DataTypes.LongType, false)
            .add("prompt_key", DataTypes.StringType, true)
            .add("answer_source", DataTypes.StringType, true)
            .add("token_logprobs", DataTypes.createArrayType(TOKEN_LOGPROB, false), true)
            .add("teacher_votes", DataTypes.StringType, true)
            .add("teacher_disagreement", DataTypes.DoubleType, true)
            .add("teachers_answered", DataTypes.IntegerType, true);

    private SyntheticSchema() {
    }

    /**
     * Provenance columns that are the same for every row of one generate run.
     *
     * @param teacherDetails JSON: how the embedded teacher's head was fitted, or the API teacher's endpoint and
     *                       sampling parameters
     */
    public record Provenance(String teacherName, String teacherVersion, String teacherFingerprint,
                             String teacherDetails, double temperature, String runId, Timestamp generatedAt)
            implements java.io.Serializable {
    }

    /** A row of the embedded teacher. */
    public static Row toRow(Example e, TeacherAnswer answer, Provenance p) {
        return toRow(e, answer, p, null, null);
    }

    /**
     * The columns an API teacher's call fills.
     *
     * @param rationale     the teacher's reasoning; null when it gave none
     * @param promptKey     the {@code PromptKey} of the prompt the example was sent as
     * @param answerSource  how the answer came: {@code teacher}, {@code cache} or {@code same-prompt}
     * @param tokenLogprobs the chosen completion's tokens with their top-k log-probabilities; empty when none were sent
     */
    public record ApiCall(String rationale, String templateVersion, int promptTokens, int completionTokens,
                          int attempts, long latencyMs, String promptKey, String answerSource,
                          List<ChatResponse.TokenLogprob> tokenLogprobs) {
    }

    /** A row of an API teacher: with its rationale, what the call cost and how the answer came. */
    public static Row toRow(Example e, TeacherAnswer answer, Provenance p, ApiCall call) {
        return toRow(e, answer, p, call, call.tokenLogprobs().isEmpty() ? null : tokenRows(call.tokenLogprobs()));
    }

    private static Row toRow(Example e, TeacherAnswer answer, Provenance p, ApiCall call,
                             scala.collection.Seq<Row> tokenLogprobs) {
        return RowFactory.create(e.id(), e.split().configName(), e.task().configName(), scalaMap(e.inputs()), e.label(),
                answer.label(), answer.probabilities(), answer.logits(), p.temperature(), p.teacherName(),
                p.teacherVersion(), p.teacherFingerprint(), p.teacherDetails(), call == null ? null : call.rationale(),
                call == null ? null : call.templateVersion(), call == null ? null : call.promptTokens(),
                call == null ? null : call.completionTokens(), call == null ? null : call.attempts(),
                call == null ? null : call.latencyMs(), p.runId(), p.generatedAt(), e.sourceFile(), e.sourceLine(),
                call == null ? null : call.promptKey(), call == null ? null : call.answerSource(), tokenLogprobs,
                null, null, null);
    }

    private static scala.collection.Seq<Row> tokenRows(List<ChatResponse.TokenLogprob> tokens) {
        return scalaSeq(tokens.stream().map(t -> RowFactory.create(t.token(), (float) t.logprob(),
                scalaSeq(t.top().stream().map(a -> RowFactory.create(a.token(), (float) a.logprob())).toList())))
                .toList());
    }

    /** Spark's row encoder takes Scala sequences for arrays of structs. */
    private static scala.collection.Seq<Row> scalaSeq(List<Row> rows) {
        return JavaConverters.asScalaBuffer(rows).toList();
    }

    /**
     * Checks a synthetic data set read back from {@code path} before a stage spends time on it: every column this
     * version writes must be there with its type (the split column comes back from the folder names); a nullable
     * column an older version did not write may be missing, and reads as null.
     */
    public static void check(StructType found, String path) {
        for (StructField expected : SCHEMA.fields()) {
            Optional<StructField> actual = Arrays.stream(found.fields())
                    .filter(f -> f.name().equals(expected.name())).findFirst();
            if (actual.isEmpty() && expected.nullable()) {
                continue;
            }
            if (actual.isEmpty()) {
                throw new IllegalStateException(path + " has no column '" + expected.name() + "' (columns: "
                        + String.join(", ", found.fieldNames()) + "); was it written by 'distill generate'?");
            }
            if (!actual.get().dataType().sameType(expected.dataType())) {
                throw new IllegalStateException(path + ": column '" + expected.name() + "' must be "
                        + expected.dataType().simpleString() + " but is " + actual.get().dataType().simpleString());
            }
        }
    }

    /**
     * Reads back what generate wrote, with the schema it was written with: a data set whose every write was empty
     * (all answers rejected, say) has no Parquet file to infer a schema from.
     */
    public static Dataset<Row> read(SparkSession spark, String path) {
        return spark.read().schema(SCHEMA).parquet(path);
    }

    /** Spark's row encoder takes Scala maps only, for map columns. */
    public static scala.collection.Map<String, String> scalaMap(Map<String, String> map) {
        return JavaConverters.mapAsScalaMapConverter(map).asScala();
    }

    /** The example a synthetic row was generated from. */
    public static Example example(Row row) {
        Map<String, String> inputs = row.getJavaMap(row.fieldIndex("inputs"));
        return new Example(row.getString(row.fieldIndex("id")),
                TaskType.fromConfigName(row.getString(row.fieldIndex("task"))),
                Split.fromConfigName(row.getString(row.fieldIndex("split"))), inputs,
                row.getString(row.fieldIndex("label")), row.getString(row.fieldIndex("source_file")),
                row.getLong(row.fieldIndex("source_line")));
    }

    public static float[] floats(Row row, String column) {
        List<Float> values = row.getList(row.fieldIndex(column));
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
