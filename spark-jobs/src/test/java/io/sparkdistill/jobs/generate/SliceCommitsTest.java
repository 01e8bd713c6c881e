package io.sparkdistill.jobs.generate;

import io.sparkdistill.jobs.SharedSpark;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A generate run is killed by cancelling its job group while a slice is being committed, as
 * {@code KilledGenerateTest} does at a moment chance picks: here the moment is pinned, a commit's Spark job running.
 */
class SliceCommitsTest {

    @Test
    void aSliceBeingCommittedWhenTheRequestsAreCancelledIsStillCommitted() throws Exception {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext());
        sc.setJobGroup("generate", "spark-distill generate commits-test", false);
        try {
            GenerationCounts counts;
            try (SliceCommits commits = new SliceCommits(sc, new GenerationPhases())) {
                commits.queue(() -> new GenerationCounts(slowCount(sc), Map.of(), Map.of(), 0, 0, 0, false, 0, 0));
                assertTrue(aJobRuns(sc), "the commit's job started");
                sc.sc().cancelJobGroup("generate");
                counts = commits.await();
            }
            assertEquals(4, counts.accepted(), "the slice's commit ran to its end");
        } finally {
            sc.clearJobGroup();
        }
    }

    /** A Spark job of four tasks that takes a couple of seconds, as a slice's writes do on a busy machine. */
    private static long slowCount(JavaSparkContext sc) {
        return sc.parallelize(List.of(1, 2, 3, 4), 2).map(i -> {
            Thread.sleep(1500);
            return i;
        }).count();
    }

    /** Whether a job is seen running within a minute (a loaded machine starts jobs slowly). */
    private static boolean aJobRuns(JavaSparkContext sc) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (sc.statusTracker().getActiveJobIds().length == 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }
}
