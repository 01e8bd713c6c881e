package io.sparkdistill.student.summary;

import io.sparkdistill.config.Hyperparameters;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The network that scores every sentence of a document at once. A document is a sequence of sentences (DL4J's
 * recurrent layout {@code [documents, features, sentences]}, padded sentences masked out):
 * <ol>
 *   <li>the sentence's teacher vector, scalar features and cue buckets are joined and projected per sentence (a
 *       width-1 convolution, i.e. one dense layer applied to each sentence);</li>
 *   <li>a convolution over neighbouring sentences gives each sentence its context (what comes before and after:
 *       a sentence that repeats its neighbour, or the start of a new topic);</li>
 *   <li>both are read by a sigmoid per sentence, trained with binary cross-entropy against the oracle's soft
 *       gains ({@link OracleGains}).</li>
 * </ol>
 * Small by design: it must score a document in well under a millisecond on one thread.
 */
public final class SentenceScorerNetwork {
    public static final String VECTOR = "vector";
    public static final String SCALARS = "scalars";
    public static final String CUES = "cues";
    public static final String SCORE = "score";
    static final String SENTENCE = "sentence";
    static final String CONTEXT = "context";
    /** Share of the joined inputs dropped while training: the cue buckets alone could memorise a small split. */
    static final double INPUT_DROPOUT = 0.2;

    private SentenceScorerNetwork() {
    }

    /**
     * @param sentenceWidth units of the per-sentence projection ({@code student.dimension})
     * @param contextWidth  filters of the convolution over neighbouring sentences ({@code student.filters})
     * @param kernel        sentences each context filter sees, odd ({@code student.kernel})
     */
    public static ComputationGraph create(ExtractivePreparation prepared, int sentenceWidth, int contextWidth,
                                          int kernel, Hyperparameters hyper) {
        ComputationGraphConfiguration configuration = new NeuralNetConfiguration.Builder()
                .seed(hyper.seed())
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(hyper.learningRate()))
                .graphBuilder()
                .addInputs(VECTOR, SCALARS, CUES)
                .setInputTypes(InputType.recurrent(prepared.vectorWidth()),
                        InputType.recurrent(SentenceFeaturizer.SCALARS),
                        InputType.recurrent(prepared.cueBuckets()))
                .addVertex("joined", new MergeVertex(), VECTOR, SCALARS, CUES)
                // DL4J's dropOut takes the share kept
                .addLayer(SENTENCE, new Convolution1DLayer.Builder()
                        .kernelSize(1)
                        .convolutionMode(ConvolutionMode.Same)
                        .nOut(sentenceWidth)
                        .activation(Activation.RELU)
                        .dropOut(1 - INPUT_DROPOUT)
                        .build(), "joined")
                .addLayer(CONTEXT, new Convolution1DLayer.Builder()
                        .kernelSize(kernel)
                        .convolutionMode(ConvolutionMode.Same)
                        .nOut(contextWidth)
                        .activation(Activation.RELU)
                        .build(), SENTENCE)
                .addVertex("both", new MergeVertex(), SENTENCE, CONTEXT)
                .addLayer(SCORE, new RnnOutputLayer.Builder(LossFunctions.LossFunction.XENT)
                        .nOut(1)
                        .activation(Activation.SIGMOID)
                        .build(), "both")
                .setOutputs(SCORE)
                .build();
        ComputationGraph network = new ComputationGraph(configuration);
        network.init();
        return network;
    }
}
