package io.sparkdistill.jobs.train;

import org.apache.spark.SparkEnv;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.optimize.solvers.accumulation.encoding.ResidualPostProcessor;
import org.deeplearning4j.optimize.solvers.accumulation.encoding.ThresholdAlgorithm;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.api.RepartitionStrategy;
import org.deeplearning4j.spark.api.Repartitioner;
import org.deeplearning4j.spark.api.worker.NetBroadcastTuple;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.parameterserver.conf.SharedTrainingConfiguration;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingWorker;
import org.nd4j.parameterserver.distributed.conf.VoidConfiguration;
import org.nd4j.parameterserver.distributed.v2.ModelParameterServer;
import org.nd4j.parameterserver.distributed.v2.transport.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * DL4J's SharedTrainingMaster, fixed for more than one training master in a Spark application (the train stage
 * trains the baseline and then the distilled student, each with its own master).
 *
 * <p>In DL4J 1.0.0-M2 a new master restarts the mesh's root on the driver ("Detected changed training instance"),
 * and each executor's SharedTrainingWrapper resets its model, but the executor's ModelParameterServer, a JVM
 * singleton, stays initialised with the first master's transport, so the wrapper never opens a new one: the
 * executors keep talking to a root that is gone (seen on the two-worker test cluster: the second student's validation
 * accuracy stayed at chance, then training hung with "NOT_CONNECTED" to the driver). Here each executor shuts its
 * parameter server down when a task of a new master arrives, so that the wrapper joins the new mesh as it joined the
 * first. On the driver (and in local mode, where the driver is the executor) nothing changes: DL4J restarts the root.
 */
final class RejoiningSharedTrainingMaster extends SharedTrainingMaster {
    private static final Logger LOG = LoggerFactory.getLogger(RejoiningSharedTrainingMaster.class);
    /** The master whose mesh this executor JVM's parameter server belongs to. */
    private static long joinedInstance = Long.MIN_VALUE;
    /** The executor id Spark gives the driver (SparkContext.DRIVER_IDENTIFIER, which Java cannot see). */
    private static final String DRIVER = "driver";

    private RejoiningSharedTrainingMaster(VoidConfiguration transport, Integer numWorkers,
                                          RDDTrainingApproach approach, StorageLevel storageLevel,
                                          boolean collectStats, RepartitionStrategy repartitionStrategy,
                                          Repartition repartition, ThresholdAlgorithm threshold,
                                          ResidualPostProcessor residuals, int rddDataSetNumExamples, int batchSize,
                                          long debugLongerIterations, int workersPerNode, int prefetch,
                                          Repartitioner repartitioner, Boolean periodicGc, Integer gcFrequency,
                                          boolean encodingDebugMode) {
        super(transport, numWorkers, approach, storageLevel, collectStats, repartitionStrategy, repartition, threshold,
                residuals, rddDataSetNumExamples, batchSize, debugLongerIterations, workersPerNode, prefetch,
                repartitioner, periodicGc, gcFrequency, encodingDebugMode);
    }

    /** SharedTrainingMaster's builder (every option as DL4J documents it); {@code build()} makes this master. */
    static final class Builder extends SharedTrainingMaster.Builder {
        Builder(VoidConfiguration transport, int batchSize) {
            super(transport, batchSize);
        }

        @Override
        public SharedTrainingMaster build() {
            // The arguments DL4J's own build() passes, in its order.
            return new RejoiningSharedTrainingMaster(voidConfiguration, numWorkers, rddTrainingApproach, storageLevel,
                    collectTrainingStats, repartitionStrategy, repartition, thresholdAlgorithm, residualPostProcessor,
                    rddDataSetNumExamples, batchSize, debugLongerIterations, numWorkersPerNode,
                    workerPrefetchNumBatches, repartitioner, workerTogglePeriodicGC, workerPeriodicGCFrequency,
                    encodingDebugMode);
        }
    }

    @Override
    public SharedTrainingWorker getWorkerInstance(SparkDl4jMultiLayer network) {
        SharedTrainingWorker worker = super.getWorkerInstance(network);
        return new Worker(worker.getInstanceId(), worker.getBroadcastModel(), worker.getBroadcastConfiguration(),
                worker.getListeners(), worker.getRouter(), worker.getWorkerTogglePeriodicGC(),
                worker.getWorkerPeriodicGCFrequency());
    }

    /**
     * Leaves the mesh of an earlier master before this executor's first task of master {@code instanceId} runs.
     * DL4J's training function asks the worker for its master's id before anything else, which is where this hooks.
     */
    private static synchronized void joinMeshOf(long instanceId) {
        SparkEnv env = SparkEnv.get();
        if (env == null || DRIVER.equals(env.executorId())) {
            return;
        }
        ModelParameterServer server = ModelParameterServer.getInstance();
        if (joinedInstance != Long.MIN_VALUE && joinedInstance != instanceId && server.isInitialized()) {
            Transport transport = server.getTransport();
            if (transport.id().equals(transport.getRootId())) {
                // An executor that announced the driver's own address took itself for the root of a mesh that no
                // other node joins (deploy/README.md), and its transport cannot be shut down (DL4J never opened its
                // subscription: the shutdown fails, and the media driver it leaves running refuses the next). It
                // has no mesh to leave: it keeps training on its own updates alone, as it did for the last master.
                LOG.warn("[train] executor {} is the root of a gradient-sharing mesh of its own ({}): it exchanges "
                        + "no updates with the other executors", env.executorId(), transport.id());
                joinedInstance = instanceId;
                return;
            }
            LOG.info("[train] executor {} leaves the gradient-sharing mesh of training master {} to join master {}",
                    env.executorId(), joinedInstance, instanceId);
            server.shutdown();
        }
        joinedInstance = instanceId;
    }

    private static final class Worker extends SharedTrainingWorker {
        Worker(long instanceId, Broadcast<NetBroadcastTuple> model,
               Broadcast<SharedTrainingConfiguration> configuration, List<TrainingListener> listeners,
               StatsStorageRouter router, Boolean periodicGc, Integer gcFrequency) {
            super(instanceId, model, configuration, listeners, router, periodicGc, gcFrequency);
        }

        @Override
        public long getInstanceId() {
            long id = super.getInstanceId();
            joinMeshOf(id);
            return id;
        }
    }
}
