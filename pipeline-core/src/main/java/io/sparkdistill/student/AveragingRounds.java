package io.sparkdistill.student;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Which of a worker's training examples each parameter-averaging round of an epoch fits. A round lets every worker
 * fit {@code averaging_frequency} minibatches and then averages them; an epoch is as many rounds as the largest
 * worker's share takes. Each epoch deals a worker's examples out to its rounds in a seeded random order, so that a
 * round is a fair sample and the rounds differ from one epoch to the next, and each example is in exactly one round
 * an epoch.
 *
 * <p>Why the train stage deals rounds out of the raw examples itself: dl4j-spark's parameter averaging, handed a
 * whole epoch of minibatches, keeps them all (serialised in executor memory) and cuts them into rounds by reading
 * every minibatch once per round. The qa reader's minibatches of 32 are about 0.8 MB each (81 feature channels per
 * context token), so at 100,000 training rows a 2 GB executor ran out of heap keeping its share (about 1,560 of
 * them), and each of the epoch's 78 rounds would have read all 3,125 minibatches. Dealt out here, a round builds only
 * its own minibatches from examples of a few kilobytes.
 */
public final class AveragingRounds implements Serializable {
    private final int examplesPerRound;

    /**
     * Rounds of {@code batchSize x averagingFrequency} examples per worker: the minibatches one worker fits between
     * two averages.
     */
    public AveragingRounds(int batchSize, int averagingFrequency) {
        if (batchSize < 1 || averagingFrequency < 1) {
            throw new IllegalArgumentException("batch size and averaging frequency must be >= 1, got " + batchSize
                    + ", " + averagingFrequency);
        }
        this.examplesPerRound = Math.multiplyExact(batchSize, averagingFrequency);
    }

    /** The rounds an epoch takes when the largest worker holds {@code largestShare} examples. */
    public int perEpoch(long largestShare) {
        return (int) Math.max(1, (largestShare + examplesPerRound - 1) / examplesPerRound);
    }

    /**
     * The examples of one worker's share (all {@code size} of them, in their order) that round {@code round} of the
     * epoch seeded {@code seed} fits, in their order. The same seed deals the same rounds; use one seed per worker
     * and epoch.
     */
    public <T> Iterator<T> round(Iterator<T> share, int size, long seed, int round) {
        int[] roundOf = deal(size, seed);
        List<T> kept = new ArrayList<>(Math.min(size, examplesPerRound));
        for (int position = 0; share.hasNext(); position++) {
            T example = share.next();
            if (position >= size) {
                throw new IllegalStateException("a worker's share holds more than the " + size + " examples counted "
                        + "for it: the training set changed between the count and the round");
            }
            if (roundOf[position] == round) {
                kept.add(example);
            }
        }
        return kept.iterator();
    }

    /** Each position's round: a seeded shuffle of the positions, cut into rounds of {@code examplesPerRound}. */
    private int[] deal(int size, long seed) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int[] roundOf = new int[size];
        for (int rank = 0; rank < size; rank++) {
            roundOf[order[rank]] = rank / examplesPerRound;
        }
        return roundOf;
    }
}
