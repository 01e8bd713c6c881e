package io.sparkdistill.jobs.store;

import io.sparkdistill.ingest.Example;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;

/**
 * The columns of {@code rejected/} (answers that failed validation: paid for, never sent again) and
 * {@code failed/} (calls that failed after every retry: sent again by the next run).
 */
public final class OutcomeSchemas {
    public static final StructType REJECTED = new StructType()
            .add("id", DataTypes.StringType, false)
            .add("split", DataTypes.StringType, false)
            .add("reason", DataTypes.StringType, false)
            .add("detail", DataTypes.StringType, true)
            .add("output", DataTypes.StringType, true)
            .add("template_version", DataTypes.StringType, false)
            .add("prompt_tokens", DataTypes.IntegerType, false)
            .add("completion_tokens", DataTypes.IntegerType, false)
            .add("attempts", DataTypes.IntegerType, false)
            .add("teacher_fingerprint", DataTypes.StringType, false)
            .add("run_id", DataTypes.StringType, false)
            .add("generated_at", DataTypes.TimestampType, false)
            .add("source_file", DataTypes.StringType, false)
            .add("source_line", DataTypes.LongType, false);

    public static final StructType FAILED = new StructType()
            .add("id", DataTypes.StringType, false)
            .add("split", DataTypes.StringType, false)
            .add("error_kind", DataTypes.StringType, false)
            .add("http_status", DataTypes.IntegerType, false)
            .add("message", DataTypes.StringType, true)
            .add("attempts", DataTypes.IntegerType, false)
            .add("run_id", DataTypes.StringType, false)
            .add("failed_at", DataTypes.TimestampType, false)
            .add("source_file", DataTypes.StringType, false)
            .add("source_line", DataTypes.LongType, false);

    private OutcomeSchemas() {
    }

    /** A row of {@code rejected/}: the answer {@code output}, bought by {@code call}, failed validation. */
    public static Row rejected(Example e, String reason, String detail, String output, SyntheticSchema.ApiCall call,
                               SyntheticSchema.Provenance p) {
        return RowFactory.create(e.id(), e.split().configName(), reason, detail, output,
                call.templateVersion(), call.promptTokens(), call.completionTokens(), call.attempts(),
                p.teacherFingerprint(), p.runId(), p.generatedAt(), e.sourceFile(), e.sourceLine());
    }

    /** A row of {@code failed/}: the call for {@code e} had no answer after {@code attempts}. */
    public static Row failed(Example e, String errorKind, int httpStatus, String message, int attempts, String runId,
                             Timestamp at) {
        return RowFactory.create(e.id(), e.split().configName(), errorKind, httpStatus, message,
                attempts, runId, at, e.sourceFile(), e.sourceLine());
    }
}
