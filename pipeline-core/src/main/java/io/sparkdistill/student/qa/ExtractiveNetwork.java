package io.sparkdistill.student.qa;

import io.sparkdistill.config.Hyperparameters;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.rnn.DuplicateToTimeSeriesVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

import java.util.HashMap;
import java.util.Map;

/**
 * The extractive reader as a DL4J graph, so that the same configuration trains locally and on Spark.
 *
 * <p>Inputs: {@value #CONTEXT} (per context token, {@link ReadingFeatures#contextChannels} channels, as a time
 * series), {@value #QUESTION} (the question summary) and {@value #TOKENS} (which tokens are real). Each token's
 * features are projected ("read"); the question summary is projected ("ask") and repeated at every token, so that
 * each position sees what is asked; three dilated convolutions (1, 2, 4) then mix each token with the 15 around it.
 * The output gives each token two probabilities, "the answer starts here" and "it ends here", each scored by binary
 * cross-entropy against the (soft) start and end targets of {@link SpanTargets}, padding masked out.
 *
 * <p>After each step the padding of shorter passages in a minibatch is multiplied by the {@value #TOKENS} input's
 * zeros, so that a passage is read in a batch exactly as alone, where the convolutions' "same" padding is zeros.
 * DL4J M2's {@code MaskLayer} would do this, but writes uninitialised memory when not training.
 *
 * <p>Convolutions rather than an LSTM because the reader must answer in a millisecond or two on one thread, and
 * DL4J runs a 1-d convolution over a whole passage as one matrix product but an LSTM one token at a time.
 */
public final class ExtractiveNetwork {
    public static final String CONTEXT = "context";
    public static final String QUESTION = "question";
    /** 1 at each real token and 0 at padding, repeated over the convolutions' channels. */
    public static final String TOKENS = "tokens";
    public static final String OUTPUT = "span";
    /** Channel of the start probability in the output; the end's is 1. */
    public static final int START = 0;
    public static final int END = 1;
    /**
     * The output's starting bias: the log-odds of one token in about fifty being the answer's start. Started at 0,
     * the first updates all go to pushing the many non-answer tokens down, and with Adam's sign-like first steps
     * over wide convolutions that drives every output to 0 at once (RetinaNet's prior initialisation, for the same
     * imbalance).
     */
    static final double PRIOR_LOGIT = -4.0;
    /**
     * Minibatches over which the learning rate rises linearly to its configured value. Adam's first steps move every
     * weight by about the full learning rate in the same direction; over convolutions of 3 x 128 inputs that
     * compounds, and at 0.01 one step was enough to saturate every output. A short warm-up lets Adam's estimates
     * settle before the steps are large.
     */
    static final int WARM_UP_STEPS = 30;

    private ExtractiveNetwork() {
    }

    /** A freshly initialised graph: Adam at the learning rate, Xavier initialisation from the seed. */
    public static ComputationGraph create(ExtractiveSizes sizes, Hyperparameters hyper) {
        int width = sizes.filters();
        ComputationGraphConfiguration.GraphBuilder graph = new NeuralNetConfiguration.Builder()
                .seed(hyper.seed())
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(warmUp(hyper.learningRate())))
                .gradientNormalization(GradientNormalization.ClipL2PerLayer)
                .gradientNormalizationThreshold(1.0)
                .graphBuilder()
                .addInputs(CONTEXT, QUESTION, TOKENS)
                .setInputTypes(InputType.recurrent(ReadingFeatures.contextChannels(sizes.vectorWidth())),
                        InputType.feedForward(ReadingFeatures.questionChannels(sizes.vectorWidth())),
                        InputType.recurrent(width))
                .addLayer("read", convolution(1, 1, width), CONTEXT)
                .addVertex("readMasked", product(), "read", TOKENS)
                .addLayer("ask", new DenseLayer.Builder().nOut(width).activation(Activation.RELU).build(), QUESTION)
                .addVertex("askEach", new DuplicateToTimeSeriesVertex(CONTEXT), "ask")
                .addVertex("askMasked", product(), "askEach", TOKENS)
                .addVertex("both", new MergeVertex(), "readMasked", "askMasked");
        String previous = "both";
        for (int layer = 0; layer < ExtractiveSizes.LAYERS; layer++) {
            String name = "mix" + layer;
            graph.addLayer(name, convolution(sizes.kernel(), 1 << layer, width), previous)
                    .addVertex(name + "Masked", product(), name, TOKENS);
            previous = name + "Masked";
        }
        graph.addLayer(OUTPUT, new RnnOutputLayer.Builder(new LossBinaryXENT())
                        .nOut(2)
                        .activation(Activation.SIGMOID)
                        .biasInit(PRIOR_LOGIT)
                        .build(), previous)
                .setOutputs(OUTPUT);
        ComputationGraph network = new ComputationGraph(graph.build());
        network.init();
        return network;
    }

    /**
     * The learning rate rising linearly over {@value #WARM_UP_STEPS} minibatches, then constant. A map of values,
     * not DL4J's {@code RampSchedule}, which M2 writes into a saved model but cannot read back.
     */
    private static ISchedule warmUp(double learningRate) {
        Map<Integer, Double> rates = new HashMap<>();
        for (int step = 0; step <= WARM_UP_STEPS; step++) {
            rates.put(step, learningRate * (step + 1) / (WARM_UP_STEPS + 1));
        }
        return new MapSchedule(ScheduleType.ITERATION, rates);
    }

    private static ElementWiseVertex product() {
        return new ElementWiseVertex(ElementWiseVertex.Op.Product);
    }

    private static Convolution1DLayer convolution(int kernel, int dilation, int channels) {
        return new Convolution1DLayer.Builder()
                .kernelSize(kernel)
                .dilation(dilation)
                .convolutionMode(ConvolutionMode.Same)
                .nOut(channels)
                .activation(Activation.RELU)
                .build();
    }
}
