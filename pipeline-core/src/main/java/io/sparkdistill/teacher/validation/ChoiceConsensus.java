package io.sparkdistill.teacher.validation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes one answer of the accepted completions of one prompt, when the teacher is asked for several ({@code n > 1}).
 * Where the task's parser says completions vote (math), the most frequent answer wins, ties to the earliest
 * (self-consistency: sampled solutions that agree are more often right than any single one); label tasks average the completions' distributions (the caller does,
 * from each choice's soft labels) and take the first choice agreeing with the average; the other text tasks take
 * the first accepted completion, since free text has no majority to vote on.
 */
public final class ChoiceConsensus {
    private ChoiceConsensus() {
    }

    /** Index in {@code accepted} of the completion that answers for the prompt; {@code accepted} is not empty. */
    public static int chosen(AnswerParser parser, List<Accepted> accepted) {
        if (accepted.isEmpty()) {
            throw new IllegalArgumentException("no accepted completion to choose from");
        }
        if (!parser.completionsVote()) {
            return 0;
        }
        Map<String, Integer> votes = new HashMap<>();
        accepted.forEach(a -> votes.merge(a.answer(), 1, Integer::sum));
        // Scanning in order and switching only on a strictly larger count makes ties go to the answer seen first.
        int best = 0;
        for (int i = 1; i < accepted.size(); i++) {
            if (votes.get(accepted.get(i).answer()) > votes.get(accepted.get(best).answer())) {
                best = i;
            }
        }
        return best;
    }

    /** The element-wise mean of distributions over the same label set. */
    public static float[] meanDistribution(List<float[]> distributions) {
        if (distributions.isEmpty()) {
            throw new IllegalArgumentException("no distribution to average");
        }
        float[] mean = new float[distributions.get(0).length];
        for (float[] p : distributions) {
            if (p.length != mean.length) {
                throw new IllegalArgumentException("distributions over " + mean.length + " and " + p.length
                        + " labels cannot be averaged");
            }
            for (int i = 0; i < p.length; i++) {
                mean[i] += p[i] / distributions.size();
            }
        }
        return mean;
    }
}
