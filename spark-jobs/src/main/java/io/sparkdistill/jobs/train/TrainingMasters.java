package io.sparkdistill.jobs.train;

import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.TrainingConfig;
import io.sparkdistill.jobs.SparkSessions;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.optimize.solvers.accumulation.encoding.threshold.FixedThresholdAlgorithm;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.api.TrainingHook;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.parameterserver.distributed.conf.VoidConfiguration;

import java.util.ArrayList;
import java.util.List;

/**
 * The dl4j-spark training master a job asked for ({@code training.master}): parameter averaging, where the driver
 * averages what each executor fitted every {@code averaging_frequency} minibatches, or gradient sharing, where
 * executors send each other sparse, thresholded updates over Aeron as they train, the driver only coordinating.
 * Public for the student-training benchmark, which trains with exactly the train stage's master.
 */
public final class TrainingMasters {
    private TrainingMasters() {
    }

    /** A master for the job's training config, averaging over every core Spark offers when it averages. */
    static TrainingMaster<?, ?> create(TrainingConfig training, Hyperparameters h, JavaSparkContext sc) {
        return create(training, h, sc, null);
    }

    /**
     * A master for the job's training config; when it averages parameters, over {@code averagingWorkers} workers
     * (null: every core Spark offers). Gradient sharing trains on every executor of its mesh.
     */
    static TrainingMaster<?, ?> create(TrainingConfig training, Hyperparameters h, JavaSparkContext sc,
                                       Integer averagingWorkers) {
        // On GPUs the batches must be trained in the stage that made them, which carries the GPU resource profile:
        // no repartition by the master (the train stage has already spread them evenly).
        Repartition repartition = training.gpusPerTask() > 0 ? Repartition.Never : Repartition.Always;
        if (!training.gradientSharing()) {
            return new ReleasingAveragingTrainingMaster(averaging(h, repartition, averagingWorkers));
        }
        return sharing(training, h, sc, repartition);
    }

    /**
     * A master that trains the same student from the same seed (with parameter averaging; gradient sharing exchanges
     * updates as they arrive and is not reproducible): it keeps each partition of batches where it is, in its order,
     * since the caller has spread them evenly in a seeded order (the master's own rebalancing is a shuffle whose
     * output order Spark does not fix), adds the workers' parameters in partition order
     * ({@link OrderedAveragingTrainingMaster}) and reseeds dropout per minibatch ({@link SeededMinibatchRandom}).
     */
    public static TrainingMaster<?, ?> reproducible(TrainingConfig training, Hyperparameters h, JavaSparkContext sc) {
        if (!training.gradientSharing()) {
            return new OrderedAveragingTrainingMaster(averaging(h, Repartition.Never, null,
                    new SeededMinibatchRandom(h.seed())));
        }
        return sharing(training, h, sc, Repartition.Never);
    }

    /**
     * A parameter-averaging master for a caller that hands it one round at a time ({@link EpochFit}): it fits what it
     * is given where it is, in one round when the data holds at most {@code workers x averaging_frequency}
     * minibatches, and keeps nothing (dl4j-spark would otherwise persist every RDD it is given, serialised in
     * executor memory, and never release it).
     */
    static TrainingMaster<?, ?> oneRoundPerFit(Hyperparameters h, int workers) {
        return new OrderedAveragingTrainingMaster(averaging(h, Repartition.Never, workers,
                new SeededMinibatchRandom(h.seed())).storageLevel(null));
    }

    /**
     * Every parameter-averaging master's settings; its workers hold ND4J to their task's cores
     * ({@link TaskCoresForNd4j}) before the {@code hooks} given. The hooks are kept in a list a caller can still add to
     * ({@code addHook}); the builder's varargs form keeps a fixed-size one.
     */
    private static ParameterAveragingTrainingMaster.Builder averaging(Hyperparameters h, Repartition repartition,
                                                                      Integer averagingWorkers,
                                                                      TrainingHook... hooks) {
        List<TrainingHook> all = new ArrayList<>(List.of(new TaskCoresForNd4j()));
        all.addAll(List.of(hooks));
        return new ParameterAveragingTrainingMaster.Builder(averagingWorkers, h.batchSize())
                .trainingHooks(all)
                .batchSizePerWorker(h.batchSize())
                .repartionData(repartition)
                .averagingFrequency(h.averagingFrequency())
                // Averaged with the parameters and sent back to the workers, so that Adam resumes its moments.
                // dl4j-spark M2's builder leaves this off, though its javadoc says on: each round then restarts
                // Adam from zero moments at an iteration count that no longer corrects their bias, so every few
                // minibatches each weight takes steps of a learning rate or more in its gradient's sign.
                .saveUpdater(true)
                .workerPrefetchNumBatches(0)
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                .rngSeed(h.seed());
    }

    private static TrainingMaster<?, ?> sharing(TrainingConfig training, Hyperparameters h, JavaSparkContext sc,
                                                Repartition repartition) {
        // The driver runs the mesh's controller over Aeron too; see SparkSessions for why this timeout (executors get
        // it with their Java options).
        if (System.getProperty("aeron.publication.unblock.timeout") == null) {
            System.setProperty("aeron.publication.unblock.timeout", SparkSessions.AERON_UNBLOCK_TIMEOUT_NS);
        }
        VoidConfiguration.VoidConfigurationBuilder transport = VoidConfiguration.builder()
                // Not unicastPort(port): DL4J's supplier behind it drops the port (see FixedPortSupplier).
                .portSupplier(new FixedPortSupplier(training.port()))
                // The driver coordinates the mesh; executors find it at the address Spark gave it.
                .controllerAddress(sc.getConf().get("spark.driver.host", "127.0.0.1"));
        if (training.networkMask() != null) {
            transport.networkMask(training.networkMask());
        }
        // A fixed threshold, not DL4J's adaptive one: that one doubles the threshold every 20 minibatches for as
        // long as more than 1% of the elements cross it, which with Adam (every element steps by up to the learning
        // rate) is every minibatch of a small student; its steps then grow several times coarser than Adam's. With
        // it the two-worker test cluster's students scored 6 to 12 points under local training; fixed, 1 over.
        return new RejoiningSharedTrainingMaster.Builder(transport.build(), h.batchSize())
                .thresholdAlgorithm(new FixedThresholdAlgorithm(training.updateThresholdFor(h.learningRate())))
                .batchSizePerWorker(h.batchSize())
                .workersPerNode(1)
                // No repartitioner, so that the master partitions by repartitionData as asked. Its builder's
                // DefaultRepartitioner, which wins over repartitionData, cuts the batches into partitions of
                // batchSizePerWorker / rddDataSetNumExamples objects: one minibatch each here. Each partition is a
                // task, each task one fit of the executor's SharedTrainingWrapper, and the wrapper drops the updates
                // still queued when a fit ends and ignores those arriving between fits: with one minibatch per fit it
                // applied next to none of the other executors' updates. One partition per executor per epoch applies
                // all but the last few.
                .repartitioner(null)
                .repartitionData(repartition)
                .workerPrefetchNumBatches(0)
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                .rngSeed(h.seed())
                .build();
    }

    /**
     * The training loss of the last fit, or NaN when the master does not know it: dl4j-spark's gradient sharing
     * never gathers the workers' scores, and its {@code getScore()} stays 0, which would read as a perfect fit.
     */
    static double trainingLoss(TrainingConfig training, SparkDl4jMultiLayer network) {
        return training.gradientSharing() ? Double.NaN : network.getScore();
    }

    /** As for a multi-layer network, for a computation graph (the text tasks' student families). */
    static double trainingLoss(TrainingConfig training, SparkComputationGraph network) {
        return training.gradientSharing() ? Double.NaN : network.getScore();
    }

    /** A loss for a progress line: "n/a" where the master does not report one. */
    static String formatLoss(double loss) {
        return Double.isNaN(loss) ? "n/a" : String.format("%.4f", loss);
    }

    /** What a saved student's training report says trained it. */
    static String describe(TrainingConfig training) {
        return training.gradientSharing()
                ? "dl4j-spark SharedTrainingMaster (gradient sharing over Aeron, port " + training.port() + ")"
                : "dl4j-spark ParameterAveragingTrainingMaster";
    }
}
