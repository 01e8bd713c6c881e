package io.sparkdistill.jobs.train;

import org.apache.spark.api.java.JavaRDD;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingResult;
import org.deeplearning4j.spark.impl.paramavg.aggregator.ParameterAveragingAggregationTuple;
import org.deeplearning4j.spark.impl.paramavg.aggregator.ParameterAveragingElementAddFunction;
import org.deeplearning4j.spark.impl.paramavg.aggregator.ParameterAveragingElementCombineFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Collections;
import java.util.List;

/**
 * Parameter averaging that adds the workers' parameters in partition order, and reads each round's minibatches of a
 * label student (a multi-layer network, fitted on the whole epoch's minibatches) alone ({@link RoundMinibatches}); a
 * text student (a computation graph) is handed one round at a time by {@link EpochFit}. dl4j-spark's master sums them with
 * {@code treeAggregate}, whose last step adds each task's partial sum on the driver in the order the tasks finish;
 * float addition is not associative, so two runs with the same seed drifted apart from the first average on, and
 * training amplified the drift into students several points apart. Here each partition still sums its own results
 * where they were trained (with dl4j-spark's functions); the partial sums are collected in partition order, whatever
 * order the tasks finished in, and added in that order. The rest is what dl4j-spark's {@code processResults} does
 * after its sum; its training statistics and stats-storage listeners, which no job here turns on, are not kept.
 */
final class OrderedAveragingTrainingMaster extends ReleasingAveragingTrainingMaster {
    /** The minibatches of the last RDD fitted, kept for the next epoch's fit of the same RDD. */
    private transient RoundMinibatches cached;

    OrderedAveragingTrainingMaster(ParameterAveragingTrainingMaster.Builder builder) {
        super(builder);
    }

    /**
     * One pass over the minibatches, round by round, each round's share read from {@link RoundMinibatches} rather
     * than filtered out of the whole cached partition as dl4j-spark does.
     */
    @Override
    protected void executeTrainingDirect(SparkDl4jMultiLayer network, JavaRDD<DataSet> trainingData) {
        if (cached == null || !cached.holds(trainingData)) {
            if (cached != null) {
                cached.release();
            }
            cached = RoundMinibatches.cache(trainingData);
        }
        long seed = rng.nextLong();
        int rounds = cached.rounds(averagingFrequency);
        for (int round = 0; round < rounds; round++) {
            doIteration(network, cached.round(seed, round, averagingFrequency), round + 1, rounds);
        }
    }

    @Override
    protected void average(SparkDl4jMultiLayer network, SparkComputationGraph graph,
                           JavaRDD<ParameterAveragingTrainingResult> results, int splitNum, int totalSplits) {
        List<ParameterAveragingAggregationTuple> partials = results.mapPartitions(part -> {
            ParameterAveragingElementAddFunction add = new ParameterAveragingElementAddFunction();
            ParameterAveragingAggregationTuple sum = null;
            while (part.hasNext()) {
                ParameterAveragingTrainingResult result = part.next();
                // a worker dealt no minibatch this round (a shorter partition's last rounds) has nothing to average
                if (result.getParameters() != null) {
                    sum = add.call(sum, result);
                }
            }
            return sum == null ? Collections.emptyIterator() : List.of(sum).iterator();
        }).collect();
        ParameterAveragingAggregationTuple total = inOrder(partials);
        if (total == null || total.getParametersSum() == null) {
            return;
        }
        int count = total.getAggregationsCount();
        INDArray parameters = total.getParametersSum().divi(count);
        INDArray updaterState = total.getUpdaterStateSum() == null ? null : total.getUpdaterStateSum().divi(count);
        double score = total.getScoreSum() / count;
        if (network != null) {
            MultiLayerNetwork net = network.getNetwork();
            net.setParameters(parameters);
            if (updaterState != null) {
                net.getUpdater().setStateViewArray(net, updaterState, false);
            }
            network.setScore(score);
            MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
            conf.setIterationCount(conf.getIterationCount() + averagingFrequency);
        } else {
            ComputationGraph net = graph.getNetwork();
            net.setParams(parameters);
            if (updaterState != null) {
                net.getUpdater().setStateViewArray(updaterState);
            }
            graph.setScore(score);
            ComputationGraphConfiguration conf = net.getConfiguration();
            conf.setIterationCount(conf.getIterationCount() + averagingFrequency);
        }
        Nd4j.getExecutioner().commit();
    }

    /** The partial sums added first to last with dl4j-spark's own combine function (null when there are none). */
    private static ParameterAveragingAggregationTuple inOrder(List<ParameterAveragingAggregationTuple> partials) {
        ParameterAveragingElementCombineFunction combine = new ParameterAveragingElementCombineFunction();
        ParameterAveragingAggregationTuple total = null;
        try {
            for (ParameterAveragingAggregationTuple partial : partials) {
                total = combine.call(total, partial);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot add the workers' parameters: " + e.getMessage(), e);
        }
        return total;
    }
}
