package io.sparkdistill.jobs.train;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.spark.api.WorkerConfiguration;
import org.deeplearning4j.spark.api.worker.NetBroadcastTuple;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingResult;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingWorker;

import java.util.ArrayList;
import java.util.List;

/**
 * Parameter averaging that destroys each round's broadcast network once the round is averaged. dl4j-spark M2
 * broadcasts the network (configuration, parameters and updater state) at the start of every averaging round and
 * never releases it: the copies stay in the driver's block manager until Spark's context cleaner notices their
 * handles were collected, which on a driver under little memory pressure can take until the cleaner's periodic GC
 * (30 minutes). A train stage that averages every few minibatches starts a round per few thousand examples, so the
 * driver's heap grew with the training set (qa at 100k rows: 79 rounds an epoch). Here the round's broadcast is
 * destroyed on the driver and the executors as soon as its results are averaged; no task reads it after that.
 */
class ReleasingAveragingTrainingMaster extends ParameterAveragingTrainingMaster {
    /** The broadcasts of the round in flight: one, unless dl4j-spark asks for workers more than once a round. */
    private final List<Broadcast<NetBroadcastTuple>> roundBroadcasts = new ArrayList<>();

    ReleasingAveragingTrainingMaster(ParameterAveragingTrainingMaster.Builder builder) {
        super(builder);
    }

    // Both builders below make what dl4j-spark's own getWorkerInstance makes, keeping hold of the broadcast.

    @Override
    public ParameterAveragingTrainingWorker getWorkerInstance(SparkDl4jMultiLayer network) {
        var net = network.getNetwork();
        Broadcast<NetBroadcastTuple> broadcast = network.getSparkContext().broadcast(new NetBroadcastTuple(
                net.getLayerWiseConfigurations(), net.params(), net.getUpdater().getStateViewArray()));
        return worker(broadcast, false);
    }

    @Override
    public ParameterAveragingTrainingWorker getWorkerInstance(SparkComputationGraph network) {
        var net = network.getNetwork();
        Broadcast<NetBroadcastTuple> broadcast = network.getSparkContext().broadcast(new NetBroadcastTuple(
                net.getConfiguration(), net.params(), net.getUpdater().getStateViewArray()));
        return worker(broadcast, true);
    }

    private ParameterAveragingTrainingWorker worker(Broadcast<NetBroadcastTuple> broadcast, boolean graph) {
        roundBroadcasts.add(broadcast);
        WorkerConfiguration configuration = new WorkerConfiguration(graph, rddDataSetNumExamples, batchSizePerWorker,
                averagingFrequency, prefetchNumBatches, collectTrainingStats);
        return new ParameterAveragingTrainingWorker(broadcast, saveUpdater, configuration, trainingHookList, listeners,
                getRouterProvider());
    }

    /** Averages the round's results ({@link #average}), then releases the round's broadcast network. */
    @Override
    protected final void processResults(SparkDl4jMultiLayer network, SparkComputationGraph graph,
                                        JavaRDD<ParameterAveragingTrainingResult> results, int splitNum,
                                        int totalSplits) {
        try {
            average(network, graph, results, splitNum, totalSplits);
        } finally {
            roundBroadcasts.forEach(Broadcast::destroy);
            roundBroadcasts.clear();
        }
    }

    /** Sets the network to the average of the round's results: dl4j-spark's own averaging unless overridden. */
    protected void average(SparkDl4jMultiLayer network, SparkComputationGraph graph,
                           JavaRDD<ParameterAveragingTrainingResult> results, int splitNum, int totalSplits) {
        super.processResults(network, graph, results, splitNum, totalSplits);
    }
}
