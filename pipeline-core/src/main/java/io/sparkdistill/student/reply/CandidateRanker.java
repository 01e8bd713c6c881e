package io.sparkdistill.student.reply;

import io.sparkdistill.student.SparseFeatures;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Scores every candidate for a conversation with one encoding and one dot product each: the candidates' encodings,
 * already multiplied by the score unit's weights, are computed once from the trained network and kept.
 */
final class CandidateRanker {
    private final PairFeatures features;
    private final EncoderTower conversationTower;
    private final float[][] weightedReplies;

    CandidateRanker(CandidateSet candidates, ComputationGraph network) {
        this.features = new PairFeatures(candidates);
        this.conversationTower = EncoderTower.of(network, DualEncoder.CONVERSATION_HIDDEN,
                DualEncoder.CONVERSATION_ENCODING);
        EncoderTower replyTower = EncoderTower.of(network, DualEncoder.REPLY_HIDDEN, DualEncoder.REPLY_ENCODING);
        float[] scoreWeights = network.getLayer(DualEncoder.SCORE).getParam("W").toFloatVector();
        weightedReplies = new float[candidates.size()][];
        for (int n = 0; n < candidates.size(); n++) {
            float[] encoding = replyTower.encode(features.reply(candidates.templates().get(n)));
            for (int d = 0; d < encoding.length; d++) {
                encoding[d] *= scoreWeights[d];
            }
            weightedReplies[n] = encoding;
        }
    }

    /** The conversation's score with every candidate (the softmax's input). */
    float[] scores(Conversation conversation) {
        float[] encoding = conversationTower.encode(features.conversation(conversation));
        float[] scores = new float[weightedReplies.length];
        for (int n = 0; n < scores.length; n++) {
            float[] reply = weightedReplies[n];
            float sum = 0f;
            for (int d = 0; d < reply.length; d++) {
                sum += encoding[d] * reply[d];
            }
            scores[n] = sum;
        }
        return scores;
    }

    /** The conversation tower's encoding, for checking it against the network's. */
    float[] encode(SparseFeatures conversationRow) {
        return conversationTower.encode(conversationRow);
    }

    PairFeatures features() {
        return features;
    }
}
