package io.sparkdistill.student.reply;

import io.sparkdistill.config.Hyperparameters;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The dual encoder: a conversation tower and a reply tower (a ReLU layer, then a linear encoding each), whose
 * encodings' element-wise product goes through one linear unit, so a pair scores as a weighted dot product.
 *
 * <p>Trained as Smart Reply is, with a softmax over candidates: each example comes as a group of
 * {@code negatives + 1} pairs (its positive replies and sampled others, the conversation repeated beside each),
 * given as one row and reshaped to a row per pair inside the network; the scores are reshaped back to one row per group and the softmax's cross-entropy is taken against the replies' shares of
 * the example's targets. A softmax compares the true reply with the others directly, where independent binary
 * labels first spend their steps learning how rare true replies are. Since the score is a dot product, the
 * candidates' encodings are computed once and a conversation is encoded once per answer.
 */
public final class DualEncoder {
    public static final String CONVERSATION = "conversation";
    public static final String REPLY = "reply";
    public static final String CONVERSATION_ROWS = "conversation-rows";
    public static final String REPLY_ROWS = "reply-rows";
    public static final String CONVERSATION_HIDDEN = "conversation-hidden";
    public static final String CONVERSATION_ENCODING = "conversation-encoding";
    public static final String REPLY_HIDDEN = "reply-hidden";
    public static final String REPLY_ENCODING = "reply-encoding";
    public static final String PRODUCT = "product";
    public static final String SCORE = "score";
    public static final String GROUPED = "grouped";
    public static final String CHOICE = "choice";
    static final Activation HIDDEN_ACTIVATION = Activation.RELU;
    /** Light weight decay: each candidate is seen with few conversations, and the hashed inputs are wide. */
    private static final double L2 = 1e-5;

    private DualEncoder() {
    }

    /** Rows per training example: its replies and the sampled others. */
    static int groupSize(SelectionSizes sizes) {
        return sizes.negatives() + 1;
    }

    public static ComputationGraph create(PairFeatures features, SelectionSizes sizes, Hyperparameters hyper) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(hyper.seed())
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(hyper.learningRate()))
                .l2(L2)
                .graphBuilder()
                .addInputs(CONVERSATION, REPLY)
                // A training row is a whole group (see SelectionBatches); one row per pair from here on.
                .addVertex(CONVERSATION_ROWS, new ReshapeVertex(-1, features.conversationWidth()), CONVERSATION)
                .addVertex(REPLY_ROWS, new ReshapeVertex(-1, features.replyWidth()), REPLY)
                .addLayer(CONVERSATION_HIDDEN, new DenseLayer.Builder().nIn(features.conversationWidth())
                        .nOut(sizes.hidden()).activation(HIDDEN_ACTIVATION).build(), CONVERSATION_ROWS)
                .addLayer(CONVERSATION_ENCODING, new DenseLayer.Builder().nIn(sizes.hidden()).nOut(sizes.width())
                        .activation(Activation.IDENTITY).build(), CONVERSATION_HIDDEN)
                .addLayer(REPLY_HIDDEN, new DenseLayer.Builder().nIn(features.replyWidth())
                        .nOut(sizes.hidden()).activation(HIDDEN_ACTIVATION).build(), REPLY_ROWS)
                .addLayer(REPLY_ENCODING, new DenseLayer.Builder().nIn(sizes.hidden()).nOut(sizes.width())
                        .activation(Activation.IDENTITY).build(), REPLY_HIDDEN)
                .addVertex(PRODUCT, new ElementWiseVertex(ElementWiseVertex.Op.Product),
                        CONVERSATION_ENCODING, REPLY_ENCODING)
                .addLayer(SCORE, new DenseLayer.Builder().nIn(sizes.width()).nOut(1).hasBias(false)
                        .activation(Activation.IDENTITY).build(), PRODUCT)
                .addVertex(GROUPED, new ReshapeVertex(-1, groupSize(sizes)), SCORE)
                .addLayer(CHOICE, new LossLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).build(), GROUPED)
                .setOutputs(CHOICE)
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }
}
