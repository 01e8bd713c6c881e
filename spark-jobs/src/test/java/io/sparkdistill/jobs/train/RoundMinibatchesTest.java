package io.sparkdistill.jobs.train;

import io.sparkdistill.jobs.SharedSpark;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoundMinibatchesTest {
    private final JavaSparkContext sc = JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext());

    /** 11 minibatches over 2 partitions (0-4 and 5-10), each one example whose feature is its number. */
    private JavaRDD<DataSet> minibatches() {
        List<DataSet> batches = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            batches.add(new DataSet(Nd4j.createFromArray(new float[][] {{i}}),
                    Nd4j.createFromArray(new float[][] {{1}})));
        }
        return sc.parallelize(batches, 2);
    }

    private static List<List<Integer>> pass(RoundMinibatches cached, long seed, int perRound) {
        List<List<Integer>> rounds = new ArrayList<>();
        for (int round = 0; round < cached.rounds(perRound); round++) {
            rounds.add(cached.round(seed, round, perRound).map(d -> (int) d.getFeatures().getFloat(0)).collect());
        }
        return rounds;
    }

    @Test
    void aPassDealsEveryMinibatchOnceInRoundsOfAtMostTheAveragingFrequencyPerPartitionInPartitionOrder() {
        JavaRDD<DataSet> minibatches = minibatches();
        RoundMinibatches cached = RoundMinibatches.cache(minibatches);
        try {
            assertTrue(cached.holds(minibatches));
            assertEquals(3, cached.rounds(2), "the larger partition's 6 minibatches in rounds of 2");
            List<List<Integer>> rounds = pass(cached, 7, 2);
            Set<Integer> seen = new HashSet<>();
            for (List<Integer> round : rounds) {
                assertTrue(round.size() <= 4, "2 partitions x 2: " + round);
                seen.addAll(round);
                List<Integer> first = round.stream().filter(i -> i < 5).toList();
                assertEquals(first.stream().sorted().toList(), first, "the first partition's in its order");
            }
            assertEquals(11, seen.size(), "every minibatch once: " + rounds);
            assertEquals(11, rounds.stream().mapToInt(List::size).sum());
            assertEquals(rounds, pass(cached, 7, 2), "the same seed deals the same rounds");
            assertNotEquals(rounds, pass(cached, 8, 2), "another pass deals them anew");
        } finally {
            cached.release();
        }
    }
}
