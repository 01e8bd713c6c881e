package io.sparkdistill.jobs.train;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.regexp_extract;

/**
 * The transfer rows a student with fewer augmented copies than were generated learns from. An augmented copy's
 * {@code source_file} ends {@code #copy=n} (n from 1, {@code TransferAugmenter}), so the first k copies of every
 * example are the rows with n at most k; transfer text ({@code data.transfer}) carries no copy number and is kept.
 */
final class AugmentedRows {

    private AugmentedRows() {
    }

    /** {@code transfer} without the augmented copies numbered above {@code copies}. */
    static Dataset<Row> upTo(Dataset<Row> transfer, int copies) {
        Column copy = regexp_extract(col("source_file"), "#copy=(\\d+)$", 1);
        return transfer.where(copy.equalTo("").or(copy.cast("int").leq(copies)));
    }
}
