package io.sparkdistill.student;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

class MinibatchIteratorTest {
    private static final HashingFeaturizer FEATURIZER = new HashingFeaturizer(16_384, 2, 5);

    /** Examples made as they are read, counting how many were read. */
    private static final class CountedExamples implements Iterator<TrainingExample> {
        private final long size;
        private long read;

        CountedExamples(long size) {
            this.size = size;
        }

        @Override
        public boolean hasNext() {
            return read < size;
        }

        @Override
        public TrainingExample next() {
            read++;
            return new TrainingExample(List.of("example number " + read), (int) (read % 2), new float[] {0.4f, 0.6f});
        }
    }

    @Test
    void aPartitionFarTooLargeToMaterialiseIsReadOneMinibatchAtATime() {
        // A billion examples: as a list of dense 16,384-bucket batches that would be 65 TB of floats.
        CountedExamples partition = new CountedExamples(1_000_000_000L);
        MinibatchIterator batches = new MinibatchIterator(partition, 32, FEATURIZER, 2);
        for (int b = 1; b <= 3; b++) {
            DataSet batch = batches.next();
            assertEquals(32, batch.numExamples());
            assertEquals(32L * b, partition.read, "examples read after minibatch " + b);
        }
    }

    @Test
    void theLastMinibatchHoldsWhatIsLeft() {
        MinibatchIterator batches = new MinibatchIterator(new CountedExamples(70), 32, FEATURIZER, 2);
        assertEquals(32, batches.next().numExamples());
        assertEquals(32, batches.next().numExamples());
        assertEquals(6, batches.next().numExamples());
        assertFalse(batches.hasNext());
    }
}
