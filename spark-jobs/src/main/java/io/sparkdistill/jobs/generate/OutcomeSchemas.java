package io.sparkdistill.jobs.generate;

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
final class OutcomeSchemas {
    static final StructType REJECTED = new StructType()
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

    static final StructType FAILED = new StructType()
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

    static Row rejected(GenerationOutcome o, SyntheticSchema.Provenance p) {
        Example e = o.example();
        GenerationOutcome.Usage u = o.usage();
        return RowFactory.create(e.id(), e.split().configName(), o.reason(), o.detail(), o.output(),
                u.templateVersion(), u.promptTokens(), u.completionTokens(), u.attempts(), p.teacherFingerprint(),
                p.runId(), p.generatedAt(), e.sourceFile(), e.sourceLine());
    }

    static Row failed(GenerationOutcome o, String runId, Timestamp at) {
        Example e = o.example();
        return RowFactory.create(e.id(), e.split().configName(), o.reason(), o.httpStatus(), o.detail(),
                o.usage().attempts(), runId, at, e.sourceFile(), e.sourceLine());
    }
}
