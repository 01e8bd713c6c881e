package io.sparkdistill.student;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class Nd4jThreadsTest {

    /** What ND4J's operations started on a fresh thread may use, after {@code action} ran on that thread. */
    private static int threadsOnAFreshThreadAfter(Runnable action) {
        return CompletableFuture.supplyAsync(() -> {
            action.run();
            return Nd4jThreads.current();
        }, r -> new Thread(r).start()).join();
    }

    @Test
    void aThreadHeldToOneRunsItsOperationsOnOneAndCanBeRaisedAgain() {
        assumeTrue(System.getenv("OMP_NUM_THREADS") == null, "OMP_NUM_THREADS is set, and wins");
        assertEquals(1, threadsOnAFreshThreadAfter(() -> Nd4jThreads.holdTo(1)));
        assertEquals(2, threadsOnAFreshThreadAfter(() -> {
            Nd4jThreads.holdTo(1);
            Nd4jThreads.holdTo(2);
        }));
    }

    @Test
    void fewerThanOneThreadIsRefusedWithTheCountGiven() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Nd4jThreads.holdTo(0));
        assertEquals("ND4J needs at least one thread per operation, got 0", e.getMessage());
    }
}
