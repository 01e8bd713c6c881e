package io.sparkdistill.student.generative;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Writes the generative student's answer to a prompt, token by token through the LSTM's carried state: greedy
 * (width 1) or beam search over {@code beamWidth} hypotheses, up to a length limit. Hypotheses are ranked by their
 * mean token log-probability, so that beam search does not favour answers just for being short.
 *
 * <p>Token ids go in as {@code [batch, 1, time]}: given {@code [batch, time]}, DL4J's {@code rnnTimeStep} takes the
 * input for a single step and returns no time axis. Holds its own copy of the network's state: one decoder per
 * thread.
 */
public final class SequenceDecoder {
    private final ComputationGraph network;
    private final List<String> lstmLayers;
    private final int beamWidth;
    private final int maxTokens;

    /** An answer and how many tokens it took (the end token included when the student wrote it). */
    public record Generation(int[] tokens, int generatedTokens) {
    }

    SequenceDecoder(ComputationGraph network, int lstmLayers, int beamWidth, int maxTokens) {
        this.network = network;
        this.lstmLayers = GenerativeNetwork.lstmLayers(lstmLayers);
        this.beamWidth = beamWidth;
        this.maxTokens = maxTokens;
    }

    private record Hypothesis(int[] tokens, double logProbability, boolean ended) {
        double rank() {
            return logProbability / Math.max(1, tokens.length + (ended ? 1 : 0));
        }

        Hypothesis then(int token, double logp) {
            boolean end = token == SubwordVocabulary.EOS_ID;
            int[] next = end ? tokens : Arrays.copyOf(tokens, tokens.length + 1);
            if (!end) {
                next[tokens.length] = token;
            }
            return new Hypothesis(next, logProbability + logp, end);
        }
    }

    private record Candidate(int parent, int token, double logProbability, double total) {
    }

    /** The answer to a prompt given as token ids (already cut to the prompt limit). */
    public Generation generate(int[] prompt) {
        network.rnnClearPreviousState();
        float[] input = new float[prompt.length + 1];
        for (int i = 0; i < prompt.length; i++) {
            input[i] = prompt[i];
        }
        input[prompt.length] = SubwordVocabulary.SEP_ID;
        INDArray out = network.rnnTimeStep(Nd4j.create(input, new long[]{1, 1, input.length}, DataType.FLOAT))[0];
        float[][] logps = {logProbabilities(out, 0, input.length - 1)};
        List<Hypothesis> live = List.of(new Hypothesis(new int[0], 0, false));
        List<Hypothesis> ended = new ArrayList<>();
        int steps = 0;
        while (true) {
            List<Candidate> candidates = best(live, logps);
            List<Hypothesis> next = new ArrayList<>();
            List<Integer> parents = new ArrayList<>();
            for (int rank = 0; rank < candidates.size(); rank++) {
                Candidate c = candidates.get(rank);
                Hypothesis h = live.get(c.parent()).then(c.token(), c.logProbability());
                if (h.ended()) {
                    // Only an end among the width best continuations counts: a hypothesis that merely could end
                    // (every token can) must not crowd out the ones still being written.
                    if (rank < beamWidth) {
                        ended.add(h);
                    }
                } else if (next.size() < beamWidth) {
                    next.add(h);
                    parents.add(c.parent());
                }
            }
            steps++;
            if (next.isEmpty() || (ended.size() >= beamWidth && bestRank(ended) >= bestRank(next))) {
                break;
            }
            if (steps >= maxTokens) {
                // Cut at the length limit: the unfinished hypotheses compete with any that ended.
                ended.addAll(next);
                break;
            }
            keepStates(parents);
            float[] tokens = new float[next.size()];
            for (int i = 0; i < tokens.length; i++) {
                int[] t = next.get(i).tokens();
                tokens[i] = t[t.length - 1];
            }
            out = network.rnnTimeStep(Nd4j.create(tokens, new long[]{tokens.length, 1, 1}, DataType.FLOAT))[0];
            logps = new float[tokens.length][];
            for (int i = 0; i < tokens.length; i++) {
                logps[i] = logProbabilities(out, i, 0);
            }
            live = next;
        }
        Hypothesis winner = ended.stream().max(Comparator.comparingDouble(Hypothesis::rank)).orElseThrow();
        return new Generation(winner.tokens(), winner.tokens().length + (winner.ended() ? 1 : 0));
    }

    /**
     * The best mean log-probability among hypotheses. Enough ended hypotheses stop the search only once none still
     * being written is doing better: a good answer a few tokens from its end must not lose to early, poor ends.
     */
    private static double bestRank(List<Hypothesis> hypotheses) {
        return hypotheses.stream().mapToDouble(Hypothesis::rank).max().orElse(Double.NEGATIVE_INFINITY);
    }

    /**
     * The {@code beamWidth * 2} best continuations over all live hypotheses, best first (twice the width, so that the
     * beam stays full when some of them end). Padding, unknown and separator tokens are never written.
     */
    private List<Candidate> best(List<Hypothesis> live, float[][] logps) {
        int keep = beamWidth * 2;
        PriorityQueue<Candidate> top = new PriorityQueue<>(Comparator.comparingDouble(Candidate::total));
        for (int b = 0; b < live.size(); b++) {
            double base = live.get(b).logProbability();
            float[] lp = logps[b];
            for (int token = SubwordVocabulary.EOS_ID; token < lp.length; token++) {
                double total = base + lp[token];
                if (top.size() < keep) {
                    top.add(new Candidate(b, token, lp[token], total));
                } else if (total > top.peek().total()) {
                    top.poll();
                    top.add(new Candidate(b, token, lp[token], total));
                }
            }
        }
        List<Candidate> out = new ArrayList<>(top);
        out.sort(Comparator.comparingDouble(Candidate::total).reversed());
        return out;
    }

    /** Reorders (and copies) each LSTM's carried state so that row i continues hypothesis {@code parents[i]}. */
    private void keepStates(List<Integer> parents) {
        int[] rows = parents.stream().mapToInt(Integer::intValue).toArray();
        for (String layer : lstmLayers) {
            Map<String, INDArray> state = network.rnnGetPreviousState(layer);
            Map<String, INDArray> kept = new HashMap<>();
            state.forEach((name, value) -> kept.put(name, value.getRows(rows)));
            network.rnnSetPreviousState(layer, kept);
        }
    }

    private static float[] logProbabilities(INDArray out, int row, int step) {
        float[] p = out.get(NDArrayIndex.point(row), NDArrayIndex.all(), NDArrayIndex.point(step)).toFloatVector();
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) Math.log(Math.max(p[i], 1e-12f));
        }
        return p;
    }
}
