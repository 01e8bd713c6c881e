package io.sparkdistill.student.qa;

/**
 * Picks the answer span from the network's per-token start and end probabilities: the pair {@code first <= last}
 * at most {@code maxTokens} apart whose start and end are jointly likeliest (their log-probabilities summed), as
 * extractive readers since BiDAF decode.
 */
public final class SpanDecoder {

    private SpanDecoder() {
    }

    /**
     * The best span, or null for an empty context.
     *
     * @param start     probability that the answer starts at each token
     * @param end       probability that it ends at each token
     * @param length    tokens to consider (the arrays may be longer)
     * @param maxTokens the longest span allowed
     */
    public static AnswerLocator.Span best(float[] start, float[] end, int length, int maxTokens) {
        if (length == 0) {
            return null;
        }
        double[] logEnd = new double[length];
        for (int j = 0; j < length; j++) {
            logEnd[j] = Math.log(Math.max(end[j], 1e-12f));
        }
        double bestScore = Double.NEGATIVE_INFINITY;
        int bestFirst = 0;
        int bestLast = 0;
        for (int i = 0; i < length; i++) {
            double logStart = Math.log(Math.max(start[i], 1e-12f));
            int lastAllowed = Math.min(length - 1, i + maxTokens - 1);
            for (int j = i; j <= lastAllowed; j++) {
                double score = logStart + logEnd[j];
                if (score > bestScore) {
                    bestScore = score;
                    bestFirst = i;
                    bestLast = j;
                }
            }
        }
        return new AnswerLocator.Span(bestFirst, bestLast);
    }
}
