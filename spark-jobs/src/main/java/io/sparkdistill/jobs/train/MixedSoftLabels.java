package io.sparkdistill.jobs.train;

import io.sparkdistill.ingest.Example;
import io.sparkdistill.jobs.store.SyntheticSchema;
import io.sparkdistill.student.SoftLabelMix;
import io.sparkdistill.student.StudentModel;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.collection.JavaConverters;

import java.util.ArrayList;
import java.util.List;

/**
 * The automatic recipe's soft labels with the baseline mixed in ({@code search.mix_in_baseline}): the
 * {@link SoftLabelMix} is fitted where the validation rows are (only its sums come back to the driver), then each
 * training row's {@code teacher_logits} become the mixed logits, so a candidate learns them exactly as it would the
 * teacher's: softened by its own temperature, weighed by its own alpha. The caller broadcasts the baseline once for
 * both and destroys it when the relabelled rows are no longer read.
 */
final class MixedSoftLabels {
    private static final String LOGITS = "teacher_logits";

    private MixedSoftLabels() {
    }

    /** The mix of lowest log-loss on the validation split's gold labels. */
    static SoftLabelMix fit(Dataset<Row> validation, Broadcast<StudentModel> baseline, List<String> labels) {
        return validation.javaRDD().aggregate(new SoftLabelMix.Trial(labels.size()), (trial, r) -> {
            Example e = SyntheticSchema.example(r);
            return trial.add(labels.indexOf(e.label()), SyntheticSchema.floats(r, LOGITS),
                    baseline.value().predict(e.segments()).probabilities());
        }, SoftLabelMix.Trial::merge).choice();
    }

    /**
     * {@code rows} with their teacher logits replaced by the mix of the teacher's and {@code baseline}'s answers;
     * every other column, the teacher's own probabilities and label included, as written by the generate stage.
     */
    static Dataset<Row> relabel(Dataset<Row> rows, SoftLabelMix mix, Broadcast<StudentModel> baseline) {
        int column = rows.schema().fieldIndex(LOGITS);
        return rows.sparkSession().createDataFrame(rows.javaRDD().map(r -> {
            float[] mixed = mix.logits(SyntheticSchema.floats(r, LOGITS),
                    baseline.value().predict(SyntheticSchema.example(r).segments()).probabilities());
            List<Float> logits = new ArrayList<>(mixed.length);
            for (float z : mixed) {
                logits.add(z);
            }
            Object[] values = new Object[r.size()];
            for (int i = 0; i < values.length; i++) {
                // Spark's row encoder reads an array column as a Scala Seq.
                values[i] = i == column ? JavaConverters.asScalaBuffer(logits).toSeq() : r.get(i);
            }
            return RowFactory.create(values);
        }), rows.schema());
    }
}
