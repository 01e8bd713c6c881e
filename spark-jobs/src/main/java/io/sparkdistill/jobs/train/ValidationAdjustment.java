package io.sparkdistill.jobs.train;

import io.sparkdistill.ingest.Example;
import io.sparkdistill.jobs.store.SyntheticSchema;
import io.sparkdistill.student.LogitAdjustment;
import io.sparkdistill.student.StudentModel;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;

import java.util.List;
import java.util.Map;

/**
 * Chooses a trained label student's {@link LogitAdjustment} from its probabilities on the validation split, computed
 * on the executors; the choice itself (a few strengths over one row of probabilities per example) runs on the
 * driver.
 */
final class ValidationAdjustment {

    private ValidationAdjustment() {
    }

    /** @param goldPerClass the labelled share's gold labels per class, in label order: the prior */
    static LogitAdjustment choose(JavaSparkContext sc, Dataset<Row> validation, StudentModel model,
                                  List<String> labels, Map<String, Long> goldPerClass) {
        Broadcast<StudentModel> student = sc.broadcast(model);
        try {
            List<Tuple2<Integer, float[]>> rows = validation.javaRDD().map(r -> {
                Example e = SyntheticSchema.example(r);
                return new Tuple2<>(labels.indexOf(e.label()), student.value().predict(e.segments()).probabilities());
            }).collect();
            int[] gold = rows.stream().mapToInt(Tuple2::_1).toArray();
            long[] counts = labels.stream().mapToLong(l -> goldPerClass.getOrDefault(l, 0L)).toArray();
            return LogitAdjustment.choose(labels, counts, rows.stream().map(Tuple2::_2).toList(), gold);
        } finally {
            student.destroy();
        }
    }
}
