package io.sparkdistill.student.summary;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The trained {@link SentenceScorerNetwork}'s forward pass in plain Java, over weights copied out of the network:
 * what the student answers with. DL4J's own forward pass costs a millisecond or more per document in fixed
 * overheads and reads every one of the cue buckets; here a sentence's cues cost one weight row per fired bucket,
 * and a document is scored in tens of microseconds. Immutable, so one instance serves every thread.
 */
final class SentenceScorer {

    private final int vectorWidth;
    private final int sentenceWidth;
    private final int contextWidth;
    private final int kernel;
    /** Row-major [input][unit] of the per-sentence projection. */
    private final float[] sentenceWeights;
    private final float[] sentenceBias;
    /** Row-major [offset in window][sentence unit][context filter]. */
    private final float[] contextWeights;
    private final float[] contextBias;
    /** The output's weights over the sentence units, then the context filters. */
    private final float[] outputWeights;
    private final float outputBias;

    SentenceScorer(ComputationGraph network, ExtractivePreparation prepared) {
        this.vectorWidth = prepared.vectorWidth();
        int inputs = vectorWidth + SentenceFeaturizer.SCALARS + prepared.cueBuckets();
        Layer sentence = network.getLayer(SentenceScorerNetwork.SENTENCE);
        Layer context = network.getLayer(SentenceScorerNetwork.CONTEXT);
        Layer output = network.getLayer(SentenceScorerNetwork.SCORE);
        INDArray sentenceW = sentence.getParam("W");
        this.sentenceWidth = (int) sentenceW.size(0);
        INDArray contextW = context.getParam("W");
        this.contextWidth = (int) contextW.size(0);
        this.kernel = (int) contextW.size(2);
        // DL4J M2 reports a 1-d convolution's weights as [out, in, kernel, 1] but reads their buffer as
        // [kernel, in, out] (libnd4j's conv1d layout); the test against the network's own output pins this down
        this.sentenceWeights = buffer(sentenceW, (long) inputs * sentenceWidth);
        this.sentenceBias = buffer(sentence.getParam("b"), sentenceWidth);
        this.contextWeights = buffer(contextW, (long) kernel * sentenceWidth * contextWidth);
        this.contextBias = buffer(context.getParam("b"), contextWidth);
        this.outputWeights = buffer(output.getParam("W"), sentenceWidth + contextWidth);
        this.outputBias = buffer(output.getParam("b"), 1)[0];
    }

    /** Each sentence's score in (0, 1), as the network's sigmoid gives it. */
    float[] scores(DocumentFeatures document) {
        int n = document.size();
        float[][] hidden = new float[n][];
        for (int t = 0; t < n; t++) {
            hidden[t] = project(document.vectors()[t], document.scalars()[t], document.cues()[t]);
        }
        int padding = (kernel - 1) / 2;
        float[] scores = new float[n];
        float[] window = new float[contextWidth];
        for (int t = 0; t < n; t++) {
            System.arraycopy(contextBias, 0, window, 0, contextWidth);
            for (int k = 0; k < kernel; k++) {
                int neighbour = t - padding + k;
                if (neighbour >= 0 && neighbour < n) {
                    addProduct(window, hidden[neighbour], contextWeights, k * sentenceWidth * contextWidth);
                }
            }
            double logit = outputBias;
            for (int u = 0; u < sentenceWidth; u++) {
                logit += hidden[t][u] * outputWeights[u];
            }
            for (int f = 0; f < contextWidth; f++) {
                logit += Math.max(window[f], 0f) * outputWeights[sentenceWidth + f];
            }
            scores[t] = (float) (1 / (1 + Math.exp(-logit)));
        }
        return scores;
    }

    /** The per-sentence layer: ReLU of the bias plus the dense inputs' products plus one row per fired cue. */
    private float[] project(float[] vector, float[] scalars, int[] cues) {
        float[] units = sentenceBias.clone();
        addProduct(units, vector, sentenceWeights, 0);
        addProduct(units, scalars, sentenceWeights, vectorWidth * sentenceWidth);
        int cueOffset = vectorWidth + SentenceFeaturizer.SCALARS;
        for (int bucket : cues) {
            int row = (cueOffset + bucket) * sentenceWidth;
            for (int u = 0; u < sentenceWidth; u++) {
                units[u] += sentenceWeights[row + u];
            }
        }
        for (int u = 0; u < sentenceWidth; u++) {
            units[u] = Math.max(units[u], 0f);
        }
        return units;
    }

    /** {@code out += x W}, W row-major {@code [x.length][out.length]} starting at {@code offset}. */
    private static void addProduct(float[] out, float[] x, float[] weights, int offset) {
        for (int i = 0; i < x.length; i++) {
            float value = x[i];
            if (value != 0f) {
                int row = offset + i * out.length;
                for (int j = 0; j < out.length; j++) {
                    out[j] += value * weights[row + j];
                }
            }
        }
    }

    /** A parameter's values in DL4J's buffer order, checked for size. */
    private static float[] buffer(INDArray parameter, long length) {
        if (parameter.length() != length) {
            throw new IllegalArgumentException("a scorer parameter has " + parameter.length() + " values, expected "
                    + length + ": not a network SentenceScorerNetwork made for this preparation");
        }
        return parameter.dup('c').castTo(DataType.FLOAT).data().asFloat();
    }
}
