package io.sparkdistill.student.qa;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * The trained {@link ExtractiveNetwork}'s forward pass for one example, in plain Java over a copy of its weights.
 *
 * <p>Why not {@code ComputationGraph.output}: for one short passage DL4J spends most of its time around the
 * arithmetic (im2col copies, workspaces, a native call per step), about three times the arithmetic itself, and the
 * student must answer in under 2 ms on one thread. Here each convolution is a few multiply-add loops over the
 * tokens, which the JIT vectorises. The question's repeated summary is folded into the first mixing convolution
 * as one sum per output channel and kernel tap, instead of being copied to every token. A test holds this equal to
 * the graph's own output.
 */
final class SpanScorer {

    /** One 1-d convolution, "same" padding, ReLU: {@code weights[out][in][tap]} flattened. */
    private record Convolution(float[] weights, float[] bias, int in, int out, int kernel, int dilation) {
        /**
         * The layer's weights. Its parameter view says {@code [out, in, kernel, 1]}, but DL4J 1.0.0-M2's 1-d
         * convolution reads the buffer behind it as {@code [kernel, in, out]} (the libnd4j conv1d layout), so that is
         * how it is read here.
         */
        static Convolution of(ComputationGraph graph, String layer, int dilation) {
            INDArray w = graph.getLayer(layer).getParam("W");
            int out = (int) w.size(0);
            int in = (int) w.size(1);
            int kernel = (int) w.size(2);
            float[] buffer = w.dup('c').data().asFloat();
            float[] weights = new float[buffer.length];
            for (int tap = 0; tap < kernel; tap++) {
                for (int c = 0; c < in; c++) {
                    for (int o = 0; o < out; o++) {
                        weights[(o * in + c) * kernel + tap] = buffer[(tap * in + c) * out + o];
                    }
                }
            }
            return new Convolution(weights, graph.getLayer(layer).getParam("b").toFloatVector(), in, out, kernel,
                    dilation);
        }

        /**
         * {@code output[o * length + t]} from {@code input[c * length + t]}, plus {@code extra[o][tap]} where that
         * tap falls inside the passage. The input is first copied with a margin of zeros (the "same" padding), so
         * that every tap runs over all tokens; input channels are taken four at a time, so that each pass over the
         * tokens does four multiply-adds per load and store of the output.
         */
        float[] apply(float[] input, int length, float[][] extra) {
            int half = (kernel - 1) / 2;
            int margin = half * dilation;
            int padded = length + 2 * margin;
            float[] x = new float[in * padded];
            for (int c = 0; c < in; c++) {
                System.arraycopy(input, c * length, x, c * padded + margin, length);
            }
            float[] output = new float[out * length];
            for (int o = 0; o < out; o++) {
                int row = o * length;
                Arrays.fill(output, row, row + length, bias[o]);
                if (extra != null) {
                    addConstantTaps(output, row, length, extra[o], half);
                }
                for (int tap = 0; tap < kernel; tap++) {
                    int offset = margin + (tap - half) * dilation;
                    int c = 0;
                    for (; c + 3 < in; c += 4) {
                        float w0 = weight(o, c, tap);
                        float w1 = weight(o, c + 1, tap);
                        float w2 = weight(o, c + 2, tap);
                        float w3 = weight(o, c + 3, tap);
                        int s0 = c * padded + offset;
                        int s1 = s0 + padded;
                        int s2 = s1 + padded;
                        int s3 = s2 + padded;
                        for (int t = 0; t < length; t++) {
                            output[row + t] += w0 * x[s0 + t] + w1 * x[s1 + t] + w2 * x[s2 + t] + w3 * x[s3 + t];
                        }
                    }
                    for (; c < in; c++) {
                        float w = weight(o, c, tap);
                        int source = c * padded + offset;
                        for (int t = 0; t < length; t++) {
                            output[row + t] += w * x[source + t];
                        }
                    }
                }
                for (int t = row; t < row + length; t++) {
                    output[t] = Math.max(0f, output[t]);
                }
            }
            return output;
        }

        private float weight(int o, int c, int tap) {
            return weights[(o * in + c) * kernel + tap];
        }

        /** Adds each tap's constant to the tokens whose window puts that tap inside the passage. */
        private void addConstantTaps(float[] output, int row, int length, float[] taps, int half) {
            for (int tap = 0; tap < kernel; tap++) {
                int shift = (tap - half) * dilation;
                int to = Math.min(length, length - shift);
                for (int t = Math.max(0, -shift); t < to; t++) {
                    output[row + t] += taps[tap];
                }
            }
        }
    }

    private final Convolution read;
    private final float[][] askWeights;
    private final float[] askBias;
    private final Convolution mixTokens;
    private final float[] mixQuestion;
    private final Convolution[] mix;
    private final float[][] outputWeights;
    private final float[] outputBias;

    SpanScorer(ComputationGraph graph) {
        read = Convolution.of(graph, "read", 1);
        askWeights = graph.getLayer("ask").getParam("W").toFloatMatrix();
        askBias = graph.getLayer("ask").getParam("b").toFloatVector();
        Convolution first = Convolution.of(graph, "mix0", 1);
        // the first mixing layer reads [read; askEach]: its token half stays a convolution, its question half is
        // kept apart to be summed once per example
        int tokenChannels = read.out();
        float[] tokenWeights = new float[first.out() * tokenChannels * first.kernel()];
        mixQuestion = new float[first.out() * (first.in() - tokenChannels) * first.kernel()];
        for (int o = 0; o < first.out(); o++) {
            int rowLength = first.in() * first.kernel();
            int tokenLength = tokenChannels * first.kernel();
            System.arraycopy(first.weights(), o * rowLength, tokenWeights, o * tokenLength, tokenLength);
            System.arraycopy(first.weights(), o * rowLength + tokenLength, mixQuestion,
                    o * (rowLength - tokenLength), rowLength - tokenLength);
        }
        mixTokens = new Convolution(tokenWeights, first.bias(), tokenChannels, first.out(), first.kernel(), 1);
        mix = new Convolution[ExtractiveSizes.LAYERS - 1];
        for (int layer = 1; layer < ExtractiveSizes.LAYERS; layer++) {
            mix[layer - 1] = Convolution.of(graph, "mix" + layer, 1 << layer);
        }
        outputWeights = graph.getLayer(ExtractiveNetwork.OUTPUT).getParam("W").toFloatMatrix();
        outputBias = graph.getLayer(ExtractiveNetwork.OUTPUT).getParam("b").toFloatVector();
    }

    /** The probabilities that the answer starts ({@code [0]}) and ends ({@code [1]}) at each context token. */
    float[][] probabilities(ReadingFeatures features) {
        int length = features.length();
        float[] asked = ask(features.question());
        float[] hidden = mixTokens.apply(read.apply(features.context(), length, null), length,
                questionTaps(asked));
        for (Convolution layer : mix) {
            hidden = layer.apply(hidden, length, null);
        }
        float[][] probabilities = new float[2][length];
        for (int k = 0; k < 2; k++) {
            float[] logits = probabilities[k];
            Arrays.fill(logits, outputBias[k]);
            for (int c = 0; c < outputWeights.length; c++) {
                float weight = outputWeights[c][k];
                for (int t = 0; t < length; t++) {
                    logits[t] += weight * hidden[c * length + t];
                }
            }
            for (int t = 0; t < length; t++) {
                logits[t] = (float) (1 / (1 + Math.exp(-logits[t])));
            }
        }
        return probabilities;
    }

    private float[] ask(float[] question) {
        float[] asked = askBias.clone();
        for (int i = 0; i < question.length; i++) {
            if (question[i] != 0f) {
                for (int j = 0; j < asked.length; j++) {
                    asked[j] += question[i] * askWeights[i][j];
                }
            }
        }
        for (int j = 0; j < asked.length; j++) {
            asked[j] = Math.max(0f, asked[j]);
        }
        return asked;
    }

    /** For each output channel and tap of the first mixing layer, what the repeated question summary adds. */
    private float[][] questionTaps(float[] asked) {
        int kernel = mixTokens.kernel();
        float[][] taps = new float[mixTokens.out()][kernel];
        for (int o = 0; o < taps.length; o++) {
            for (int c = 0; c < asked.length; c++) {
                for (int tap = 0; tap < kernel; tap++) {
                    taps[o][tap] += asked[c] * mixQuestion[(o * asked.length + c) * kernel + tap];
                }
            }
        }
        return taps;
    }
}
