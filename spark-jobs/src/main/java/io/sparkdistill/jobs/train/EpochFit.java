package io.sparkdistill.jobs.train;

import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.TrainingConfig;
import io.sparkdistill.student.AveragingRounds;
import io.sparkdistill.student.text.TextExample;
import io.sparkdistill.student.text.TextStudentFamily;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;

/**
 * One epoch of a text student's training on Spark, from each worker's share of the raw examples. Under parameter
 * averaging the epoch is fitted round by round ({@link AveragingRounds}): each round's minibatches are built on the
 * executors from that round's examples alone, kept while the training master counts and fits them, and dropped,
 * so executor memory holds one round's minibatches, not the epoch's, whatever the training set's size. Gradient
 * sharing fits the whole epoch in one call, one partition per executor: its executors drop the updates that arrive
 * between two fits, so it needs fits as long as possible.
 */
final class EpochFit<P extends Serializable> {
    private static final Logger LOG = LoggerFactory.getLogger(EpochFit.class);

    private final TextStudentFamily<P> family;
    private final Broadcast<P> inputs;
    private final JavaRDD<TextExample> shares;
    private final TrainingConfig training;
    private final Hyperparameters h;
    private final String kind;
    private final JavaSparkContext sc;
    /** Each worker's share size, by partition, counted once: the rounds deal positions out of it. */
    private int[] shareSizes;

    EpochFit(TextStudentFamily<P> family, Broadcast<P> inputs, JavaRDD<TextExample> shares, TrainingConfig training,
             Hyperparameters h, String kind, JavaSparkContext sc) {
        this.family = family;
        this.inputs = inputs;
        this.shares = shares;
        this.training = training;
        this.h = h;
        this.kind = kind;
        this.sc = sc;
    }

    /**
     * The training master for {@code workers} workers: under parameter averaging one that fits what it is given as
     * one round, where it is (the shares are already spread) and without keeping it (each round is kept here).
     */
    TrainingMaster<?, ?> master(int workers) {
        return training.gradientSharing() ? TrainingMasters.create(training, h, sc, workers)
                : TrainingMasters.oneRoundPerFit(h, workers);
    }

    void epoch(SparkComputationGraph network, int epoch) {
        if (training.gradientSharing()) {
            network.fitMultiDataSet(withResources(batches(shares, family, inputs, h.batchSize())));
            return;
        }
        int[] sizes = shareSizes();
        AveragingRounds rounds = new AveragingRounds(h.batchSize(), h.averagingFrequency());
        int count = rounds.perEpoch(Arrays.stream(sizes).max().orElse(0));
        long seed = h.seed() * 1_000_003L + epoch;
        for (int round = 0; round < count; round++) {
            JavaRDD<MultiDataSet> batches = withResources(roundBatches(shares, family, inputs, h.batchSize(),
                    rounds, sizes, seed, round));
            batches.persist(StorageLevel.MEMORY_AND_DISK_SER());
            try {
                network.fitMultiDataSet(batches);
            } finally {
                batches.unpersist(false);
            }
            if (count >= 10 && (round + 1) % (count / 10) == 0) {
                LOG.info("[train {}] epoch {}: round {}/{} of parameter averaging", kind, epoch, round + 1, count);
            }
        }
    }

    private int[] shareSizes() {
        if (shareSizes == null) {
            shareSizes = PartitionSizes.of(shares);
        }
        return shareSizes;
    }

    private JavaRDD<MultiDataSet> withResources(JavaRDD<MultiDataSet> batches) {
        // On GPUs the minibatches are fitted in the stage that builds them, which carries the GPU resource profile.
        return training.gpusPerTask() > 0
                ? batches.withResources(GpuTrainingProfile.of(sc.getConf(), training.gpusPerTask())) : batches;
    }

    // Static, so that the closures capture their arguments and not this driver-side object.
    private static <P extends Serializable> JavaRDD<MultiDataSet> batches(JavaRDD<TextExample> shares,
                                                                         TextStudentFamily<P> family,
                                                                         Broadcast<P> inputs, int batchSize) {
        return shares.mapPartitions(share -> family.batches(inputs.value(), share, batchSize));
    }

    private static <P extends Serializable> JavaRDD<MultiDataSet> roundBatches(
            JavaRDD<TextExample> shares, TextStudentFamily<P> family, Broadcast<P> inputs, int batchSize,
            AveragingRounds rounds, int[] sizes, long seed, int round) {
        return shares.mapPartitionsWithIndex((partition, share) -> {
            Iterator<TextExample> examples = rounds.round(share, sizes[partition], seed * 31 + partition, round);
            return family.batches(inputs.value(), examples, batchSize);
        }, true);
    }
}
