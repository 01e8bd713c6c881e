package io.sparkdistill.jobs.train;

import io.sparkdistill.ingest.Example;
import io.sparkdistill.jobs.store.SyntheticSchema;
import io.sparkdistill.student.LogitAdjustment;
import io.sparkdistill.student.StudentModel;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;
import java.util.Map;

/**
 * Chooses a trained label student's {@link LogitAdjustment} on the validation split: the executors score their rows
 * at every strength and only the confusion counts come back to the driver.
 */
final class ValidationAdjustment {

    private ValidationAdjustment() {
    }

    /** @param goldPerClass the labelled share's gold labels per class, in label order: the prior */
    static LogitAdjustment choose(JavaSparkContext sc, Dataset<Row> validation, StudentModel model,
                                  List<String> labels, Map<String, Long> goldPerClass) {
        Broadcast<StudentModel> student = sc.broadcast(model);
        try {
            long[] counts = labels.stream().mapToLong(l -> goldPerClass.getOrDefault(l, 0L)).toArray();
            return validation.javaRDD().aggregate(new LogitAdjustment.Trial(labels, counts), (trial, r) -> {
                Example e = SyntheticSchema.example(r);
                return trial.add(labels.indexOf(e.label()), student.value().predict(e.segments()).probabilities());
            }, LogitAdjustment.Trial::merge).choice();
        } finally {
            student.destroy();
        }
    }
}
