package io.sparkdistill.jobs.generate;

import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.store.SyntheticSchema;
import io.sparkdistill.jobs.store.SyntheticStore;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import scala.Tuple2;

import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Writes a run's {@code synthetic/} from its teachers' {@code synthetic/} folders, joined by example id. The combined
 * data set is derived and cheap, so it is rewritten whole every time (in the job's {@code output.synthetic_format}):
 * written beside the run folder's, then put in its place by a rename, so a combine killed part way never leaves half
 * a data set that looks complete.
 */
final class EnsembleCombiner {
    private final RunContext run;
    private final EnsembleRows rows;

    EnsembleCombiner(RunContext run, EnsembleRows rows) {
        this.run = run;
        this.rows = rows;
    }

    /** How the combined rows came out. */
    record Result(long rows, Map<String, Long> rowsByTeachersAnswered, long rowsWithDisagreement,
                  double meanDisagreement) {
    }

    /**
     * Combines the answers in {@code syntheticByTeacher} (teacher name to its {@code synthetic/} folder; a teacher
     * with no complete folder has answered nothing yet) and replaces the run's {@code synthetic/} with them.
     */
    Result combine(Map<String, String> syntheticByTeacher) {
        JavaPairRDD<String, Tuple2<String, Row>> answers = null;
        for (Map.Entry<String, String> teacher : syntheticByTeacher.entrySet()) {
            SyntheticStore store = SyntheticStore.at(run.spark(), teacher.getValue());
            if (!store.exists()) {
                continue;
            }
            String name = teacher.getKey();
            JavaPairRDD<String, Tuple2<String, Row>> own = store.read().javaRDD().mapToPair(r -> new Tuple2<>(r.getString(r.fieldIndex("id")), new Tuple2<>(name, r)));
            answers = answers == null ? own : answers.union(own);
        }
        EnsembleRows combiner = rows;
        JavaRDD<Row> combined = answers == null ? run.spark().emptyDataFrame().javaRDD()
                : answers.groupByKey(run.config().spark().partitions()).values().map(combiner::combine);
        String fresh = run.layout().root() + "/.synthetic-combining";
        run.spark().createDataFrame(combined, SyntheticSchema.SCHEMA).write().mode(SaveMode.Overwrite)
                .format(run.config().output().delta() ? "delta" : "parquet").partitionBy("split").save(fresh);
        run.storage().replace(fresh, run.layout().synthetic());
        return describe(SyntheticStore.of(run).read());
    }

    private static Result describe(Dataset<Row> synthetic) {
        Row totals = synthetic.agg(count(lit(1)),
                sum(when(col("teacher_disagreement").gt(0), 1).otherwise(0)),
                avg("teacher_disagreement")).first();
        Map<String, Long> byAnswered = new TreeMap<>();
        synthetic.groupBy("teachers_answered").count().collectAsList()
                .forEach(r -> byAnswered.put(String.valueOf(r.getInt(0)), r.getLong(1)));
        long rows = totals.getLong(0);
        return new Result(rows, byAnswered, rows == 0 ? 0 : totals.getLong(1),
                totals.isNullAt(2) ? 0 : totals.getDouble(2));
    }
}
