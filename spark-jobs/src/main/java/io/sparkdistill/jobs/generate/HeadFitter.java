package io.sparkdistill.jobs.generate;

import io.sparkdistill.config.ExecutorTeacherConfig;
import io.sparkdistill.teacher.LinearHead;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

import java.time.Instant;
import java.util.List;

/**
 * Fits the embedded teacher's classification head: Spark MLlib's multinomial logistic regression over the encoder's
 * features of the labelled training examples, fitted where the features are (on the executors), never collected.
 */
public final class HeadFitter {
    private static final StructType SCHEMA = new StructType()
            .add("label", DataTypes.DoubleType, false)
            .add("features", SQLDataTypes.VectorType(), false);

    private HeadFitter() {
    }

    /** {@code labelled} pairs each training example's gold label index with its teacher features. */
    public static LinearHead fit(SparkSession spark, JavaRDD<Tuple2<Integer, float[]>> labelled, List<String> labels,
                                 ExecutorTeacherConfig teacher) {
        JavaRDD<Row> rows = labelled.map(t -> RowFactory.create((double) t._1(), Vectors.dense(toDoubles(t._2()))));
        if (rows.isEmpty()) {
            throw new IllegalStateException("no labelled training example to fit the teacher's head on: the training "
                    + "split is empty or data.labelled_fraction keeps none of it; raise data.labelled_fraction");
        }
        LogisticRegressionModel model = new LogisticRegression()
                .setFamily("multinomial")
                .setRegParam(teacher.headRegularization())
                .setElasticNetParam(0.0)
                .setMaxIter(teacher.headMaxIterations())
                .fit(spark.createDataFrame(rows, SCHEMA));

        Matrix coefficients = model.coefficientMatrix();
        int features = coefficients.numCols();
        float[][] weights = new float[labels.size()][features];
        float[] bias = new float[labels.size()];
        double lowestIntercept = Double.POSITIVE_INFINITY;
        for (int c = 0; c < coefficients.numRows(); c++) {
            for (int f = 0; f < features; f++) {
                weights[c][f] = (float) coefficients.apply(c, f);
            }
            bias[c] = (float) model.interceptVector().apply(c);
            lowestIntercept = Math.min(lowestIntercept, bias[c]);
        }
        // Labels after the largest one seen in training get no row from MLlib: give them a score the head never picks.
        for (int c = coefficients.numRows(); c < labels.size(); c++) {
            bias[c] = (float) (lowestIntercept - 100);
        }
        LinearHead.HeadFit fit = new LinearHead.HeadFit("spark-mllib multinomial logistic regression (L2, "
                + model.summary().totalIterations() + " iterations)", teacher.headRegularization(),
                teacher.headMaxIterations(), rows.count(), model.summary().accuracy(), Instant.now().toString());
        return new LinearHead(labels, weights, bias, fit);
    }

    private static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
