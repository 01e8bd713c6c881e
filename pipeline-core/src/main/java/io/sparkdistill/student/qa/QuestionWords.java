package io.sparkdistill.student.qa;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A question as the context's tokens are compared with it: its words, their first letters (so "founded" meets
 * "founder"), their vectors at unit length (so "employs" meets "staff"), and how much rare-word evidence it holds.
 */
final class QuestionWords {
    static final int PREFIX = 4;

    private final Set<String> words;
    private final Set<String> prefixes;
    private final List<float[]> unitVectors;
    private final float[] weightedSum;
    private final float totalRarity;
    private final float vectorRarity;

    private QuestionWords(Set<String> words, Set<String> prefixes, List<float[]> unitVectors, float[] weightedSum,
                          float totalRarity, float vectorRarity) {
        this.words = words;
        this.prefixes = prefixes;
        this.unitVectors = unitVectors;
        this.weightedSum = weightedSum;
        this.totalRarity = totalRarity;
        this.vectorRarity = vectorRarity;
    }

    static QuestionWords of(ReadingVocabulary vocabulary, TextTokens question) {
        Set<String> words = new HashSet<>(question.words());
        Set<String> prefixes = new HashSet<>();
        List<float[]> unitVectors = new ArrayList<>();
        float[] weightedSum = null;
        float totalRarity = 0;
        float vectorRarity = 0;
        for (String word : words) {
            if (word.length() >= PREFIX) {
                prefixes.add(word.substring(0, PREFIX));
            }
            float rarity = vocabulary.rarity(word);
            totalRarity += rarity;
            float[] vector = vocabulary.vector(word);
            if (vector == null) {
                continue;
            }
            unitVectors.add(unit(vector));
            vectorRarity += rarity;
            if (weightedSum == null) {
                weightedSum = new float[vector.length];
            }
            for (int d = 0; d < vector.length; d++) {
                weightedSum[d] += rarity * vector[d];
            }
        }
        return new QuestionWords(words, prefixes, unitVectors, weightedSum, totalRarity, vectorRarity);
    }

    private static float[] unit(float[] vector) {
        double norm = 0;
        for (float value : vector) {
            norm += value * value;
        }
        float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        float[] unit = new float[vector.length];
        for (int d = 0; d < vector.length; d++) {
            unit[d] = vector[d] * scale;
        }
        return unit;
    }

    Set<String> words() {
        return words;
    }

    /** The first {@value #PREFIX} letters of the question's words of that length or more. */
    Set<String> prefixes() {
        return prefixes;
    }

    float totalRarity() {
        return totalRarity;
    }

    /** The largest cosine between {@code vector} and a question word's vector; 0 without vectors. */
    float closestCosine(float[] vector) {
        if (vector == null || unitVectors.isEmpty()) {
            return 0;
        }
        float[] unit = unit(vector);
        float best = -1;
        for (float[] q : unitVectors) {
            float dot = 0;
            for (int d = 0; d < unit.length; d++) {
                dot += unit[d] * q[d];
            }
            best = Math.max(best, dot);
        }
        return best;
    }

    /** The rarity-weighted mean of the question's word vectors (zeros without any). */
    float[] meanVector(int width) {
        float[] mean = new float[width];
        if (weightedSum == null || vectorRarity == 0) {
            return mean;
        }
        for (int d = 0; d < width; d++) {
            mean[d] = weightedSum[d] / vectorRarity;
        }
        return mean;
    }
}
