package io.sparkdistill.jobs.train;

import io.sparkdistill.evaluate.ClassificationMetrics;
import io.sparkdistill.evaluate.ClassificationScores;
import io.sparkdistill.ingest.Example;
import io.sparkdistill.jobs.store.SyntheticSchema;
import io.sparkdistill.student.StudentModel;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.util.StatCounter;

import java.util.List;

/**
 * A label student's scores on the validation split after an epoch, computed on the executors. Accuracy alone is what
 * the configured training has always kept its epoch by; the automatic recipe adds macro-F1 and keeps by it, since on
 * imbalanced data accuracy can rise while a small class is given up.
 *
 * @param accuracy share of validation examples predicted right; NaN without a validation split
 * @param macroF1  mean per-class F1 over the job's labels, or null when not measured
 */
record ValidationScores(double accuracy, Double macroF1) {

    /** The score that decides which epoch is kept: macro-F1 where measured, else accuracy. */
    double monitored() {
        return macroF1 != null ? macroF1 : accuracy;
    }

    /** Accuracy alone (the configured training's rule). */
    static ValidationScores accuracy(JavaSparkContext sc, Dataset<Row> validation, StudentModel model) {
        Broadcast<StudentModel> student = sc.broadcast(model);
        try {
            // aggregate, not stats(): stats() throws on an empty split, and a job without a validation split is valid.
            StatCounter correct = validation.javaRDD().map(r -> {
                Example e = SyntheticSchema.example(r);
                return student.value().predict(e.segments()).label().equals(e.label()) ? 1.0 : 0.0;
            }).aggregate(new StatCounter(), (s, x) -> s.merge(x), (a, b) -> a.merge(b));
            return new ValidationScores(correct.count() == 0 ? Double.NaN : correct.mean(), null);
        } finally {
            student.destroy();
        }
    }

    /** Accuracy and macro-F1 over {@code labels}, from one pass that counts the confusion matrix. */
    static ValidationScores withMacroF1(JavaSparkContext sc, Dataset<Row> validation, StudentModel model,
                                        List<String> labels) {
        Broadcast<StudentModel> student = sc.broadcast(model);
        try {
            ClassificationMetrics metrics = validation.javaRDD().aggregate(new ClassificationMetrics(labels),
                    (m, r) -> {
                        Example e = SyntheticSchema.example(r);
                        StudentModel.Prediction p = student.value().predict(e.segments());
                        return m.add(labels.indexOf(e.label()), labels.indexOf(p.label()), p.probabilities());
                    }, ClassificationMetrics::merge);
            ClassificationScores scores = metrics.result();
            return scores.count() == 0 ? new ValidationScores(Double.NaN, Double.NaN)
                    : new ValidationScores(scores.accuracy(), scores.macroF1());
        } finally {
            student.destroy();
        }
    }
}
