package io.sparkdistill.jobs.train;

import io.sparkdistill.jobs.SharedSpark;
import io.sparkdistill.student.text.KeyLimits;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The cut on the executors keeps exactly what the same cut of the whole table on the driver keeps. */
class MostFrequentKeysTest {

    @Test
    void theExecutorsCutEqualsTheCutOfTheWholeTable() {
        Random random = new Random(7);
        List<String> keys = new ArrayList<>();
        Map<String, Long> whole = new TreeMap<>();
        for (int i = 0; i < 5000; i++) {
            // Zipf-like words (many ties among the rare ones) and a few special keys.
            String key = random.nextInt(20) == 0 ? "#len:" + random.nextInt(5) : "w" + (int) Math.pow(400,
                    random.nextDouble());
            keys.add(key);
            whole.merge(key, 1L, Long::sum);
        }
        JavaRDD<String> rdd = JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext())
                .parallelize(keys, 7);
        KeyLimits limits = KeyLimits.of("#", Integer.MAX_VALUE).then("", 25);

        MostFrequentKeys.Counted counted = MostFrequentKeys.count(rdd, limits);

        assertEquals(new TreeMap<>(limits.cut(whole)), new TreeMap<>(counted.kept()));
        assertEquals(25 + 5, counted.kept().size());
        assertEquals(whole.size(), counted.distinct());
    }
}
