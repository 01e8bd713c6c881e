package io.sparkdistill.jobs.train;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingResult;

/**
 * Parameter averaging that sums the workers' parameters in partition order. dl4j-spark's master sums them with
 * {@code treeAggregate}, whose last step adds each task's result on the driver in the order the tasks finish; float
 * addition is not associative, so two runs with the same seed drifted apart from the first average on, and training
 * amplified the drift into different students. Here the workers still train in parallel; their results are collected
 * (in partition order, whatever order they finished in) and summed by dl4j-spark's own code in one ordered pass.
 */
final class OrderedAveragingTrainingMaster extends ParameterAveragingTrainingMaster {

    OrderedAveragingTrainingMaster(ParameterAveragingTrainingMaster.Builder builder) {
        super(builder);
    }

    @Override
    protected void processResults(SparkDl4jMultiLayer network, SparkComputationGraph graph,
                                  JavaRDD<ParameterAveragingTrainingResult> results, int splitNum, int totalSplits) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(results.context());
        super.processResults(network, graph, sc.parallelize(results.collect(), 1), splitNum, totalSplits);
    }
}
