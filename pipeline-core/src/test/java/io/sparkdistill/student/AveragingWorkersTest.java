package io.sparkdistill.student;

import org.junit.jupiter.api.Test;

import static io.sparkdistill.student.AveragingWorkers.MIN_MINIBATCHES_PER_WORKER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AveragingWorkersTest {

    @Test
    void aSmallTrainingSetIsFittedByOneWorkerWhateverThePartitions() {
        assertEquals(1, AveragingWorkers.of(280, 8, 2), "the sample qa split: 35 minibatches");
        assertEquals(1, AveragingWorkers.of(0, 8, 4));
        assertEquals(1, AveragingWorkers.of((2L * MIN_MINIBATCHES_PER_WORKER - 1) * 8, 8, 2),
                "one minibatch short of two full workers");
    }

    @Test
    void aWorkerIsAddedForEveryFullShareOfMinibatchesUpToThePartitions() {
        assertEquals(2, AveragingWorkers.of(2L * MIN_MINIBATCHES_PER_WORKER * 8, 8, 4));
        assertEquals(3, AveragingWorkers.of(3L * MIN_MINIBATCHES_PER_WORKER * 32, 32, 4));
        assertEquals(4, AveragingWorkers.of(1_000_000, 32, 4));
    }

    @Test
    void aBatchOrPartitionCountBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> AveragingWorkers.of(100, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> AveragingWorkers.of(100, 8, 0));
    }
}
