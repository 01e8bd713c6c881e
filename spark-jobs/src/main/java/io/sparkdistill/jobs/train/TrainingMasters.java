package io.sparkdistill.jobs.train;

import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.TrainingConfig;
import io.sparkdistill.jobs.SparkSessions;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.optimize.solvers.accumulation.encoding.threshold.AdaptiveThresholdAlgorithm;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.parameterserver.distributed.conf.VoidConfiguration;

/**
 * The dl4j-spark training master a job asked for ({@code training.master}): parameter averaging, where the driver
 * averages what each executor fitted every {@code averaging_frequency} minibatches, or gradient sharing, where
 * executors send each other sparse, thresholded updates over Aeron as they train, the driver only coordinating.
 * Parameter averaging is reproducible: the same seed gives the same student ({@link OrderedAveragingTrainingMaster});
 * gradient sharing exchanges updates as they come and is not.
 */
final class TrainingMasters {
    private TrainingMasters() {
    }

    static TrainingMaster<?, ?> create(TrainingConfig training, Hyperparameters h, JavaSparkContext sc) {
        // On GPUs the batches must be trained in the stage that made them, which carries the GPU resource profile:
        // no repartition by the master (the train stage has already spread them evenly).
        return create(training, h, sc, training.gpusPerTask() > 0);
    }

    /**
     * @param keepPartitions train each partition of batches where it is, in its order: the caller has spread them
     *                       evenly in a seeded order. The master's own rebalancing is a shuffle whose output order
     *                       Spark does not fix, so without this the same seed could give other minibatches.
     */
    static TrainingMaster<?, ?> create(TrainingConfig training, Hyperparameters h, JavaSparkContext sc,
                                       boolean keepPartitions) {
        Repartition repartition = keepPartitions ? Repartition.Never : Repartition.Always;
        if (!training.gradientSharing()) {
            // Ordered averaging and seeded minibatch randomness: the same config and seed train the same student.
            return new OrderedAveragingTrainingMaster(new ParameterAveragingTrainingMaster.Builder(h.batchSize())
                    .batchSizePerWorker(h.batchSize())
                    .repartionData(repartition)
                    .averagingFrequency(h.averagingFrequency())
                    .workerPrefetchNumBatches(0)
                    .rddTrainingApproach(RDDTrainingApproach.Direct)
                    .trainingHooks(new SeededMinibatchRandom(h.seed()))
                    .rngSeed(h.seed()));
        }
        // The driver runs the mesh's controller over Aeron too; see SparkSessions for why this timeout (executors get
        // it with their Java options).
        if (System.getProperty("aeron.publication.unblock.timeout") == null) {
            System.setProperty("aeron.publication.unblock.timeout", SparkSessions.AERON_UNBLOCK_TIMEOUT_NS);
        }
        VoidConfiguration.VoidConfigurationBuilder transport = VoidConfiguration.builder()
                .unicastPort(training.port())
                // The driver coordinates the mesh; executors find it at the address Spark gave it.
                .controllerAddress(sc.getConf().get("spark.driver.host", "127.0.0.1"));
        if (training.networkMask() != null) {
            transport.networkMask(training.networkMask());
        }
        return new RejoiningSharedTrainingMaster.Builder(transport.build(), h.batchSize())
                .thresholdAlgorithm(new AdaptiveThresholdAlgorithm(training.updateThresholdFor(h.learningRate())))
                .batchSizePerWorker(h.batchSize())
                .workersPerNode(1)
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

    /** What a saved student's provenance says trained it. */
    static String describe(TrainingConfig training) {
        return training.gradientSharing()
                ? "dl4j-spark SharedTrainingMaster (gradient sharing over Aeron, port " + training.port() + ")"
                : "dl4j-spark ParameterAveragingTrainingMaster";
    }
}
