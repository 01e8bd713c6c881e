package io.sparkdistill.jobs.store;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The columns of {@code predictions/}: one row per test example with every model's label and probabilities. */
public final class PredictionSchema {
    public static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.StringType, false)
            .add("inputs", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), false)
            .add("label", DataTypes.StringType, false)
            .add("teacher_label", DataTypes.StringType, false)
            .add("teacher_probabilities", DataTypes.createArrayType(DataTypes.FloatType, false), false)
            .add("baseline_label", DataTypes.StringType, false)
            .add("baseline_probabilities", DataTypes.createArrayType(DataTypes.FloatType, false), false)
            .add("distilled_label", DataTypes.StringType, false)
            .add("distilled_probabilities", DataTypes.createArrayType(DataTypes.FloatType, false), false);

    private PredictionSchema() {
    }
}
