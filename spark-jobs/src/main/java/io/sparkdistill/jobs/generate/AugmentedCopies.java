package io.sparkdistill.jobs.generate;

import io.sparkdistill.augment.SlotLexicon;
import io.sparkdistill.augment.TransferAugmenter;
import io.sparkdistill.config.AugmentationConfig;
import io.sparkdistill.ingest.Example;
import io.sparkdistill.ingest.Split;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * {@code data.augmentation} on Spark: the slot lexicon is built from the training split's words, sent to every
 * executor, and each executor makes the copies of its share of the training examples. The copies join the examples
 * the teacher answers, as transfer rows.
 */
final class AugmentedCopies {

    private AugmentedCopies() {
    }

    /** The augmented copies of the training examples among {@code examples}. */
    static JavaRDD<Example> of(JavaRDD<Example> examples, AugmentationConfig config, JavaSparkContext sc) {
        JavaRDD<Example> train = examples.filter(e -> e.split() == Split.TRAIN);
        Map<String, List<String>> slots = new HashMap<>(train
                .flatMapToPair(e -> e.segments().stream()
                        .flatMap(text -> SlotLexicon.slotsOf(text).stream())
                        .map(p -> new Tuple2<String, List<String>>(p.getKey(), List.of(p.getValue())))
                        .iterator())
                .reduceByKey(SlotLexicon::merge)
                .collectAsMap());
        TransferAugmenter augmenter = new TransferAugmenter(config, new SlotLexicon(slots));
        return train.flatMap(e -> augmenter.copies(e).iterator());
    }
}
