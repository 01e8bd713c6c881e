package io.sparkdistill.student;

import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The bilstm student's forward pass: word ids, an LSTM reading them forwards and one reading them backwards, each
 * unit's maximum over the {@code max_tokens} positions, the output layer. Like the network, both LSTMs read the padding
 * after the words too: the forward one after the words, the backward one before them.
 *
 * <p>An LSTM's input term is linear in the word's embedding, so at load time the embedding table is folded into each
 * direction's input weights and gate biases: one table row per word and direction holds everything a step needs from
 * its word, and a step costs that row plus the recurrent product ({@code units x 4 units}).
 *
 * <p>The backward LSTM's reading of the padding depends only on how many padding positions there are, so its states
 * and maxima are computed once here for every count; a text costs {@code max_tokens} forward steps and one backward
 * step per word.
 *
 * <p>DL4J's LSTM lays out its four gate blocks as [block input (tanh), forget, output, input gate] (its
 * {@code LSTMHelpers}); the test against the network's {@code output()} pins this down.
 */
final class BidirectionalLstmForward implements StudentForward {
    private static final long serialVersionUID = 1L;

    private final WordSequencer sequencer;
    private final int units;
    private final int numLabels;
    private final int maxTokens;
    private final long parameterCount;
    /** Per direction (0 forwards, 1 backwards), row-major [word][4 units]: embedding x input weights + bias. */
    private final float[][] folded;
    /** Per direction, row-major [units][4 units]. */
    private final float[][] recurrent;
    /** Output weights, row-major [2 units][numLabels]: the forward units then the backward ones. */
    private final float[] outputWeights;
    private final float[] outputBias;
    /** Backward LSTM after k padding positions, row-major [k][units]: hidden state, cell state, maxima. */
    private final float[] paddingHidden;
    private final float[] paddingCell;
    private final float[] paddingMax;

    BidirectionalLstmForward(MultiLayerNetwork network, StudentMetadata metadata) {
        if (network.getnLayers() != 4) {
            throw new IllegalArgumentException("a bilstm student network has 4 layers (embedding, bidirectional LSTM, "
                    + "pooling, output), got " + network.getnLayers());
        }
        this.sequencer = (WordSequencer) metadata.input();
        int words = sequencer.vocabulary().size();
        int dimension = metadata.dimension();
        this.units = dimension;
        this.numLabels = metadata.labels().size();
        this.maxTokens = metadata.maxTokens();
        float[] embedding = StudentForward.rowMajor(StudentForward.parameter(
                network.getLayer(StudentNetwork.EMBEDDING_LAYER), "W", words, dimension));
        this.folded = new float[2][];
        this.recurrent = new float[2][];
        long count = embedding.length;
        String[] prefixes = {"f", "b"};
        for (int direction = 0; direction < 2; direction++) {
            var lstm = network.getLayer(StudentNetwork.BILSTM_LAYER);
            String p = prefixes[direction];
            float[] input = StudentForward.rowMajor(StudentForward.parameter(lstm, p + "W", dimension, 4L * units));
            recurrent[direction] = StudentForward.rowMajor(StudentForward.parameter(lstm, p + "RW", units,
                    4L * units));
            float[] bias = StudentForward.rowMajor(StudentForward.bias(lstm, p + "b", 4L * units));
            folded[direction] = fold(embedding, input, bias, words, dimension);
            count += input.length + recurrent[direction].length + bias.length;
        }
        this.outputWeights = StudentForward.rowMajor(StudentForward.parameter(
                network.getLayer(StudentNetwork.BILSTM_OUTPUT_LAYER), "W", 2L * units, numLabels));
        this.outputBias = StudentForward.rowMajor(StudentForward.bias(
                network.getLayer(StudentNetwork.BILSTM_OUTPUT_LAYER), "b", numLabels));
        this.parameterCount = count + outputWeights.length + outputBias.length;
        this.paddingHidden = new float[(maxTokens + 1) * units];
        this.paddingCell = new float[(maxTokens + 1) * units];
        this.paddingMax = new float[(maxTokens + 1) * units];
        readPadding();
    }

    private float[] fold(float[] embedding, float[] input, float[] bias, int words, int dimension) {
        int gates = 4 * units;
        float[] table = new float[words * gates];
        for (int word = 0; word < words; word++) {
            int out = word * gates;
            System.arraycopy(bias, 0, table, out, gates);
            for (int d = 0; d < dimension; d++) {
                float x = embedding[word * dimension + d];
                int row = d * gates;
                for (int g = 0; g < gates; g++) {
                    table[out + g] += x * input[row + g];
                }
            }
        }
        return table;
    }

    /**
     * The backward LSTM meets the padding first, whatever the words: for each count of padding positions, its state
     * after reading them and each unit's maximum over them, row-major [count][units].
     */
    private void readPadding() {
        int gates = 4 * units;
        float[] hidden = new float[units];
        float[] cell = new float[units];
        float[] max = new float[units];
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
        for (int count = 1; count <= maxTokens; count++) {
            step(WordVocabulary.PADDING, 1, hidden, cell, new float[gates]);
            for (int u = 0; u < units; u++) {
                max[u] = Math.max(max[u], hidden[u]);
            }
            System.arraycopy(hidden, 0, paddingHidden, count * units, units);
            System.arraycopy(cell, 0, paddingCell, count * units, units);
            System.arraycopy(max, 0, paddingMax, count * units, units);
        }
        Arrays.fill(paddingMax, 0, units, Float.NEGATIVE_INFINITY);
    }

    @Override
    public float[] logits(List<String> segments) {
        int[] ids = sequencer.ids(segments);
        int n = ids.length;
        int gates = 4 * units;
        float[] z = new float[gates];
        float[] pooled = new float[2 * units];
        Arrays.fill(pooled, 0, units, Float.NEGATIVE_INFINITY);
        float[] hidden = new float[units];
        float[] cell = new float[units];
        for (int t = 0; t < maxTokens; t++) {
            step(t < n ? ids[t] : WordVocabulary.PADDING, 0, hidden, cell, z);
            for (int u = 0; u < units; u++) {
                pooled[u] = Math.max(pooled[u], hidden[u]);
            }
        }
        int padding = maxTokens - n;
        System.arraycopy(paddingHidden, padding * units, hidden, 0, units);
        System.arraycopy(paddingCell, padding * units, cell, 0, units);
        System.arraycopy(paddingMax, padding * units, pooled, units, units);
        for (int t = n - 1; t >= 0; t--) {
            step(ids[t], 1, hidden, cell, z);
            for (int u = 0; u < units; u++) {
                pooled[units + u] = Math.max(pooled[units + u], hidden[u]);
            }
        }
        float[] logits = outputBias.clone();
        for (int u = 0; u < pooled.length; u++) {
            float h = pooled[u];
            int row = u * numLabels;
            for (int c = 0; c < numLabels; c++) {
                logits[c] += h * outputWeights[row + c];
            }
        }
        return logits;
    }

    /** One LSTM step of {@code direction} reading {@code word}: updates {@code hidden} and {@code cell} in place. */
    private void step(int word, int direction, float[] hidden, float[] cell, float[] z) {
        int gates = 4 * units;
        float[] weights = recurrent[direction];
        System.arraycopy(folded[direction], word * gates, z, 0, gates);
        for (int u = 0; u < units; u++) {
            float h = hidden[u];
            if (h == 0f) {
                continue;
            }
            int row = u * gates;
            for (int g = 0; g < gates; g++) {
                z[g] += h * weights[row + g];
            }
        }
        for (int u = 0; u < units; u++) {
            float blockInput = (float) Math.tanh(z[u]);
            float forget = sigmoid(z[units + u]);
            float output = sigmoid(z[2 * units + u]);
            float inputGate = sigmoid(z[3 * units + u]);
            cell[u] = forget * cell[u] + inputGate * blockInput;
            hidden[u] = output * (float) Math.tanh(cell[u]);
        }
    }

    private static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }

    /** words x dimension + 2 x (dimension x 4 units + units x 4 units + 4 units) + 2 units x labels + labels. */
    @Override
    public long parameterCount() {
        return parameterCount;
    }
}
