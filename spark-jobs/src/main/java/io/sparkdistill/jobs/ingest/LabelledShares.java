package io.sparkdistill.jobs.ingest;

import io.sparkdistill.config.DataConfig;
import io.sparkdistill.ingest.LabelledShare;
import io.sparkdistill.ingest.SmallestPositions;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

import java.util.Map;

/**
 * The run's labelled share with its per-class floor ({@code data.min_labelled_per_class}), found in one pass over
 * the training split's ids and gold labels. Generate (the teacher's head) and train (the students) both call it on
 * the same training examples, so they agree on which examples keep their gold label.
 */
public final class LabelledShares {

    private LabelledShares() {
    }

    /** @param trainIdsAndLabels each training example's id and gold label */
    public static LabelledShare of(DataConfig data, JavaRDD<Tuple2<String, String>> trainIdsAndLabels) {
        LabelledShare uniform = data.labelledShare();
        int floor = data.minLabelledPerClass();
        if (uniform.keepsEveryLabel() || floor == 0) {
            return uniform;
        }
        Map<String, SmallestPositions> smallest = trainIdsAndLabels
                .mapToPair(t -> new Tuple2<>(t._2(), uniform.position(t._1())))
                .aggregateByKey(new SmallestPositions(floor), SmallestPositions::add, SmallestPositions::merge)
                .collectAsMap();
        return uniform.stratified(smallest);
    }
}
