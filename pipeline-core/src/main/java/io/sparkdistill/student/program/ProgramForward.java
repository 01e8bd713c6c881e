package io.sparkdistill.student.program;

import io.sparkdistill.student.SparseFeatures;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The trained {@link ProgramNetwork}'s forward pass in plain Java, for answering. A question fires a few hundred of
 * the thousands of n-gram buckets, so summing those rows of the bag layer is a small fraction of the dense
 * matrix product DL4J would run, and a single question pays no native-call or workspace overhead either: this is
 * what keeps an answer well under the 2 ms budget on a busy machine. Immutable after construction, so the answerers
 * of all threads share one.
 */
final class ProgramForward {
    private final float[][] bag;
    private final float[][] gist;
    private final float[] gistBias;
    private final float[][] mixed;
    private final float[] mixedBias;
    private final float[][] output;
    private final float[] outputBias;

    ProgramForward(ComputationGraph network) {
        bag = network.getLayer("bag").getParam("W").toFloatMatrix();
        gist = network.getLayer("gist").getParam("W").toFloatMatrix();
        gistBias = network.getLayer("gist").getParam("b").toFloatVector();
        mixed = network.getLayer("mixed").getParam("W").toFloatMatrix();
        mixedBias = network.getLayer("mixed").getParam("b").toFloatVector();
        output = network.getLayer(ProgramNetwork.OUTPUT).getParam("W").toFloatMatrix();
        outputBias = network.getLayer(ProgramNetwork.OUTPUT).getParam("b").toFloatVector();
    }

    /** One score per shape, ordered as the network's softmax would order its probabilities. */
    float[] logits(SparseFeatures ngrams, float[] meaning) {
        int hidden = gistBias.length;
        float[] joined = new float[2 * hidden];
        for (int i = 0; i < ngrams.size(); i++) {
            float[] row = bag[ngrams.indices()[i]];
            float weight = ngrams.values()[i];
            for (int h = 0; h < hidden; h++) {
                joined[h] += weight * row[h];
            }
        }
        float[] g = affine(meaning, gist, gistBias);
        for (int h = 0; h < hidden; h++) {
            joined[hidden + h] = (float) Math.tanh(g[h]);
        }
        float[] m = affine(joined, mixed, mixedBias);
        for (int h = 0; h < m.length; h++) {
            m[h] = Math.max(0f, m[h]);
        }
        return affine(m, output, outputBias);
    }

    /** x W + b, skipping the zeros of x (a one-hot count, ReLU's zeros). */
    private static float[] affine(float[] x, float[][] weights, float[] bias) {
        float[] y = bias.clone();
        for (int i = 0; i < x.length; i++) {
            if (x[i] != 0f) {
                float[] row = weights[i];
                for (int j = 0; j < y.length; j++) {
                    y[j] += x[i] * row[j];
                }
            }
        }
        return y;
    }
}
