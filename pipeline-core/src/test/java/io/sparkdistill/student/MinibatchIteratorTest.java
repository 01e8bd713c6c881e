package io.sparkdistill.student;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
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
            assertEquals(32L * MinibatchIterator.WINDOW_BATCHES, partition.read,
                    "examples read after minibatch " + b + ": one window");
        }
    }

    @Test
    void aFixedWidthInputIsReadOneMinibatchAtATimeInTheSeededOrder() {
        CountedExamples partition = new CountedExamples(1_000_000_000L);
        WordSequencer words = new WordSequencer(new WordVocabulary(List.of("example", "number")), 8);
        MinibatchIterator batches = new MinibatchIterator(partition, 32, words, 2);
        batches.next();
        assertEquals(32, partition.read);
    }

    @Test
    void textsOfSimilarLengthShareAMinibatchSoThatLittleIsPadded() {
        String longText = "a much longer text about many different things that goes on and on for a while";
        List<TrainingExample> mixed = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            mixed.add(new TrainingExample(List.of(i % 2 == 0 ? "short" : longText), 0, new float[] {0.5f, 0.5f}));
        }
        MinibatchIterator batches = new MinibatchIterator(mixed.iterator(), 32, FEATURIZER, 2);
        DataSet first = batches.next();
        DataSet second = batches.next();
        assertFalse(batches.hasNext());
        assertEquals(FEATURIZER.features(List.of("short")).size(), first.getFeatures().size(1),
                "the short texts' minibatch is as wide as one short text's buckets");
        assertEquals(FEATURIZER.features(List.of(longText)).size(), second.getFeatures().size(1));
        assertEquals(64, first.numExamples() + second.numExamples());
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
