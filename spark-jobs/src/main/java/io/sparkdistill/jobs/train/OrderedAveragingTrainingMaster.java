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
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Collections;
import java.util.List;

/**
 * Parameter averaging that adds the workers' parameters in partition order. dl4j-spark's master sums them with
 * {@code treeAggregate}, whose last step adds each task's partial sum on the driver in the order the tasks finish;
 * float addition is not associative, so two runs with the same seed drifted apart from the first average on, and
 * training amplified the drift into students several points apart. Here each partition still sums its own results
 * where they were trained (with dl4j-spark's functions); the partial sums are collected in partition order, whatever
 * order the tasks finished in, and added in that order. The rest is what dl4j-spark's {@code processResults} does
 * after its sum; its training statistics and stats-storage listeners, which no job here turns on, are not kept.
 */
final class OrderedAveragingTrainingMaster extends ParameterAveragingTrainingMaster {

    OrderedAveragingTrainingMaster(ParameterAveragingTrainingMaster.Builder builder) {
        super(builder);
    }

    @Override
    protected void processResults(SparkDl4jMultiLayer network, SparkComputationGraph graph,
                                  JavaRDD<ParameterAveragingTrainingResult> results, int splitNum, int totalSplits) {
        List<ParameterAveragingAggregationTuple> partials = results.mapPartitions(part -> {
            ParameterAveragingElementAddFunction add = new ParameterAveragingElementAddFunction();
            ParameterAveragingAggregationTuple sum = null;
            while (part.hasNext()) {
                sum = add.call(sum, part.next());
            }
            return sum == null ? Collections.emptyIterator() : List.of(sum).iterator();
        }).collect();
        if (partials.isEmpty()) {
            return;
        }
        INDArray parameters = partials.get(0).getParametersSum();
        INDArray updaterState = partials.get(0).getUpdaterStateSum();
        double scoreSum = 0;
        int count = 0;
        for (int i = 0; i < partials.size(); i++) {
            ParameterAveragingAggregationTuple partial = partials.get(i);
            if (i > 0) {
                parameters.addi(partial.getParametersSum());
                if (updaterState != null) {
                    updaterState.addi(partial.getUpdaterStateSum());
                }
            }
            scoreSum += partial.getScoreSum();
            count += partial.getAggregationsCount();
        }
        parameters.divi(count);
        if (updaterState != null) {
            updaterState.divi(count);
        }
        double score = scoreSum / count;
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
}
