package io.sparkdistill.student.reply;

import io.sparkdistill.student.SparseFeatures;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.Serializable;

/**
 * One tower of a trained {@link DualEncoder}, as plain arrays: a ReLU layer and a linear one. The conversation row
 * is thousands wide but has a few hundred non-zero entries, so visiting only their weight rows encodes a
 * conversation in microseconds, where DL4J's dense product would read every weight; and plain arrays need no
 * per-thread copy of the network.
 */
final class EncoderTower implements Serializable {
    private final float[][] hiddenWeights;
    private final float[] hiddenBias;
    private final float[][] outWeights;
    private final float[] outBias;

    private EncoderTower(float[][] hiddenWeights, float[] hiddenBias, float[][] outWeights, float[] outBias) {
        this.hiddenWeights = hiddenWeights;
        this.hiddenBias = hiddenBias;
        this.outWeights = outWeights;
        this.outBias = outBias;
    }

    /** The tower whose layers are {@code hidden} and {@code encoding} in {@code graph}. */
    static EncoderTower of(ComputationGraph graph, String hidden, String encoding) {
        return new EncoderTower(graph.getLayer(hidden).getParam("W").toFloatMatrix(),
                graph.getLayer(hidden).getParam("b").toFloatVector(),
                graph.getLayer(encoding).getParam("W").toFloatMatrix(),
                graph.getLayer(encoding).getParam("b").toFloatVector());
    }

    float[] encode(SparseFeatures row) {
        float[] hidden = hiddenBias.clone();
        int[] indices = row.indices();
        float[] values = row.values();
        for (int k = 0; k < indices.length; k++) {
            float x = values[k];
            float[] w = hiddenWeights[indices[k]];
            for (int j = 0; j < hidden.length; j++) {
                hidden[j] += x * w[j];
            }
        }
        float[] out = outBias.clone();
        for (int i = 0; i < hidden.length; i++) {
            // ReLU, as DualEncoder.HIDDEN_ACTIVATION
            float h = Math.max(0f, hidden[i]);
            if (h != 0f) {
                float[] w = outWeights[i];
                for (int j = 0; j < out.length; j++) {
                    out[j] += h * w[j];
                }
            }
        }
        return out;
    }
}
