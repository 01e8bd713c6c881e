package io.sparkdistill.student.reply;

import io.sparkdistill.config.Hyperparameters;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The dual encoder: a conversation tower and a reply tower (a ReLU layer, then a linear encoding each), whose
 * encodings' element-wise product goes through one sigmoid unit, so a pair scores as a weighted dot product plus a
 * bias. Trained as binary classification of true and sampled (conversation, reply) pairs. Since the score is a
 * dot product, the replies' encodings are computed once and a conversation is encoded once per answer.
 */
public final class DualEncoder {
    public static final String CONVERSATION = "conversation";
    public static final String REPLY = "reply";
    public static final String CONVERSATION_HIDDEN = "conversation-hidden";
    public static final String CONVERSATION_ENCODING = "conversation-encoding";
    public static final String REPLY_HIDDEN = "reply-hidden";
    public static final String REPLY_ENCODING = "reply-encoding";
    public static final String PRODUCT = "product";
    public static final String SCORE = "score";
    static final Activation HIDDEN_ACTIVATION = Activation.RELU;
    /** Light weight decay: each candidate is seen with few conversations, and the hashed inputs are wide. */
    private static final double L2 = 1e-5;

    private DualEncoder() {
    }

    public static ComputationGraph create(PairFeatures features, SelectionSizes sizes, Hyperparameters hyper) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(hyper.seed())
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(hyper.learningRate()))
                .l2(L2)
                .graphBuilder()
                .addInputs(CONVERSATION, REPLY)
                .addLayer(CONVERSATION_HIDDEN, new DenseLayer.Builder().nIn(features.conversationWidth())
                        .nOut(sizes.hidden()).activation(HIDDEN_ACTIVATION).build(), CONVERSATION)
                .addLayer(CONVERSATION_ENCODING, new DenseLayer.Builder().nIn(sizes.hidden()).nOut(sizes.width())
                        .activation(Activation.IDENTITY).build(), CONVERSATION_HIDDEN)
                .addLayer(REPLY_HIDDEN, new DenseLayer.Builder().nIn(features.replyWidth())
                        .nOut(sizes.hidden()).activation(HIDDEN_ACTIVATION).build(), REPLY)
                .addLayer(REPLY_ENCODING, new DenseLayer.Builder().nIn(sizes.hidden()).nOut(sizes.width())
                        .activation(Activation.IDENTITY).build(), REPLY_HIDDEN)
                .addVertex(PRODUCT, new ElementWiseVertex(ElementWiseVertex.Op.Product),
                        CONVERSATION_ENCODING, REPLY_ENCODING)
                .addLayer(SCORE, new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(sizes.width()).nOut(1)
                        .activation(Activation.SIGMOID).build(), PRODUCT)
                .setOutputs(SCORE)
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }
}
