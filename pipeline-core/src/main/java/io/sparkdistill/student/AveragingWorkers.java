package io.sparkdistill.student;

/**
 * How many workers parameter averaging spreads a training set over. Each averaging round lets every worker fit
 * {@code averaging_frequency} minibatches from the same parameters and then averages them: the round consumes
 * {@code workers x frequency} minibatches but moves the student about as far as {@code frequency} steps of one
 * worker would. On a large training set that trade buys wall time for free; on a small one it divides the steps an
 * epoch gives by the number of workers, and the student ends its epochs under-trained. The sample qa reader showed
 * it (the averaging replayed in one process): two workers over its 35 minibatches an epoch reached test F1 about 93
 * after 25 epochs, one worker 99 after 11.
 *
 * <p>So a worker is added only while every worker still fits at least {@value #MIN_MINIBATCHES_PER_WORKER}
 * minibatches an epoch, and never more than the configured partitions.
 */
public final class AveragingWorkers {
    /**
     * The fewest minibatches a worker must fit in an epoch for another worker to be worth its averaging; between the
     * two measurements of the extractive qa reader (batches of 8, averaging every 5, Adam's state averaged too): at
     * 17 minibatches a worker (the 280 sample questions) two workers ended 6 F1 points under one, at 94 (1,500
     * WordNet sense questions) they scored as one did (test F1 47.7 against 44.4-46.4 over 8 epochs).
     */
    public static final int MIN_MINIBATCHES_PER_WORKER = 50;

    private AveragingWorkers() {
    }

    /**
     * The workers for {@code examples} training examples in minibatches of {@code batchSize}: between 1 and
     * {@code partitions}.
     */
    public static int of(long examples, int batchSize, int partitions) {
        if (examples < 0 || batchSize < 1 || partitions < 1) {
            throw new IllegalArgumentException("examples must be >= 0 and batch size and partitions >= 1, got "
                    + examples + ", " + batchSize + ", " + partitions);
        }
        long minibatches = (examples + batchSize - 1) / batchSize;
        return (int) Math.max(1, Math.min(partitions, minibatches / MIN_MINIBATCHES_PER_WORKER));
    }
}
