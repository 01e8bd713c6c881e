package io.sparkdistill.student.summary;

import java.util.Arrays;

/**
 * The mean of the ROUGE-1, ROUGE-2 and ROUGE-L F-measures of candidate extracts against one target, on word ids.
 *
 * <p>The same numbers as {@code RougeScorer} gives for the texts (the ids come from its tokenizer, and counts,
 * clipping and the longest common subsequence follow its definitions), but without tokenising each candidate
 * again: the greedy oracle scores every remaining sentence at every step, for every training document, every
 * epoch, and re-tokenising made it most of the training time.
 */
final class TokenRouge {
    private final int[] target;
    private final int[] targetCounts;
    private final long[] targetBigrams;

    /**
     * @param target     the target's word ids
     * @param vocabulary how many distinct ids the target and every candidate use (ids are below it)
     */
    TokenRouge(int[] target, int vocabulary) {
        this.target = target.clone();
        this.targetCounts = new int[vocabulary];
        for (int id : target) {
            targetCounts[id]++;
        }
        this.targetBigrams = bigrams(target, vocabulary);
    }

    /** The mean ROUGE-1/2/L F-measure of an extract whose word ids are {@code extract}. */
    double meanF(int[] extract) {
        int[] counts = new int[targetCounts.length];
        for (int id : extract) {
            counts[id]++;
        }
        int unigrams = 0;
        for (int id = 0; id < counts.length; id++) {
            unigrams += Math.min(counts[id], targetCounts[id]);
        }
        double rouge1 = f(unigrams, extract.length, target.length);
        long[] extractBigrams = bigrams(extract, targetCounts.length);
        double rouge2 = f(sortedOverlap(extractBigrams, targetBigrams), extractBigrams.length,
                targetBigrams.length);
        double rougeL = target.length == 0 || extract.length == 0 ? 0
                : f(lcs(target, extract), extract.length, target.length);
        return (rouge1 + rouge2 + rougeL) / 3;
    }

    /** F-measure of an overlap, with RougeScorer's guards against empty sides. */
    private static double f(int overlap, int predicted, int reference) {
        double precision = (double) overlap / Math.max(predicted, 1);
        double recall = (double) overlap / Math.max(reference, 1);
        return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
    }

    private static long[] bigrams(int[] ids, int vocabulary) {
        long[] grams = new long[Math.max(0, ids.length - 1)];
        for (int i = 0; i < grams.length; i++) {
            grams[i] = (long) ids[i] * vocabulary + ids[i + 1];
        }
        Arrays.sort(grams);
        return grams;
    }

    /** Clipped overlap of two sorted multisets: each shared element counts as often as the rarer side has it. */
    private static int sortedOverlap(long[] a, long[] b) {
        int overlap = 0;
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                overlap++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return overlap;
    }

    private static int lcs(int[] a, int[] b) {
        int[] previous = new int[b.length + 1];
        int[] current = new int[b.length + 1];
        for (int i = 1; i <= a.length; i++) {
            for (int j = 1; j <= b.length; j++) {
                current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length];
    }
}
