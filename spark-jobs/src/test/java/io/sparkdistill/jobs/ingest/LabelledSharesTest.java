package io.sparkdistill.jobs.ingest;

import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.DataConfig;
import io.sparkdistill.ingest.LabelledShare;
import io.sparkdistill.jobs.SharedSpark;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelledSharesTest {

    private static DataConfig data(String extra) {
        return ConfigLoader.parse("""
                name: share
                task: classification
                labels: [common, rare]
                data:
                  train: data/train.jsonl
                  test: data/test.jsonl
                  labelled_fraction: 0.05
                """ + extra, "job.yaml").data();
    }

    /** 2,000 "common" examples and 12 "rare" ones, over 4 partitions. */
    private static List<Tuple2<String, String>> examples() {
        List<Tuple2<String, String>> out = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            out.add(new Tuple2<>("common-" + i, "common"));
        }
        for (int i = 0; i < 12; i++) {
            out.add(new Tuple2<>("rare-" + i, "rare"));
        }
        return out;
    }

    private static long kept(LabelledShare share, String label) {
        return examples().stream().filter(t -> t._2().equals(label))
                .filter(t -> share.includes(t._1(), t._2())).count();
    }

    @Test
    void onSparkEveryClassKeepsAtLeastTheFloorWhereTheSplitHasIt() {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext());
        LabelledShare share = LabelledShares.of(data("  min_labelled_per_class: 6\n"),
                sc.parallelize(examples(), 4));
        assertTrue(kept(share, "rare") >= 6, "rare kept " + kept(share, "rare"));
        LabelledShare uniform = data("").labelledShare();
        long commonUniform = examples().stream().filter(t -> t._2().equals("common"))
                .filter(t -> uniform.includes(t._1())).count();
        assertEquals(commonUniform, kept(share, "common"), "the common class keeps the uniform draw");
        assertEquals(share, LabelledShares.of(data("  min_labelled_per_class: 6\n"), sc.parallelize(examples(), 3)),
                "the same share however the examples are partitioned");
    }

    @Test
    void aFloorOfZeroKeepsTheUniformDraw() {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext());
        DataConfig data = data("  min_labelled_per_class: 0\n");
        assertEquals(data.labelledShare(), LabelledShares.of(data, sc.parallelize(examples(), 2)));
    }
}
