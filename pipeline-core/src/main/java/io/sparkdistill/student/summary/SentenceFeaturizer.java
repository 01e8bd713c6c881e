package io.sparkdistill.student.summary;

import io.sparkdistill.student.HashingFeaturizer;
import io.sparkdistill.student.SparseFeatures;
import io.sparkdistill.student.WordVocabulary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Turns a document into what the sentence scorer reads ({@link DocumentFeatures}). Every feature is about how a
 * sentence sits in its own document, never about a particular data set's wording, so it carries over to documents
 * unlike the training ones:
 * <ul>
 *   <li>the sentence's meaning: its idf-weighted mean of frozen teacher word vectors;</li>
 *   <li>position: relative and absolute, first, second, last, and the document's size;</li>
 *   <li>length: in words, against the document's mean sentence and against the summary's word limit;</li>
 *   <li>centrality: the sentence vector's cosine with the document's, with the rest of the document, with the
 *       first sentence, its rank among the sentences by that, and its closest other sentence (redundancy);</li>
 *   <li>words: how much of the sentence recurs elsewhere in the document (idf-weighted), how rare its words are,
 *       its numbers, names, quotes and questions, and how much of it the vocabulary knows;</li>
 *   <li>cues: hashed words and word pairs, from which the network learns which wording marks what a summary keeps.</li>
 * </ul>
 */
public final class SentenceFeaturizer {
    /** Scalar features per sentence. */
    public static final int SCALARS = 22;

    private final ExtractivePreparation prepared;
    private final SentenceSplitter splitter = new SentenceSplitter();
    private final HashingFeaturizer cueHasher;
    private final double maxIdf;

    public SentenceFeaturizer(ExtractivePreparation prepared) {
        this.prepared = prepared;
        this.cueHasher = new HashingFeaturizer(prepared.cueBuckets(), 2);
        this.maxIdf = idfOf(0);
    }

    public DocumentFeatures featurise(String document) {
        List<String> all = splitter.split(document);
        List<String> sentences = all.subList(0, Math.min(all.size(), prepared.maxSentences()));
        int n = sentences.size();
        int width = prepared.vectorWidth();
        List<List<String>> tokens = new ArrayList<>(n);
        int[] words = new int[n];
        int[][] cues = new int[n][];
        Map<String, Integer> sentencesWithWord = new HashMap<>();
        for (int i = 0; i < n; i++) {
            List<String> sentenceTokens = WordVocabulary.tokens(sentences.get(i));
            tokens.add(sentenceTokens);
            words[i] = RougeWords.count(sentences.get(i));
            SparseFeatures fired = cueHasher.features(List.of(sentences.get(i)));
            cues[i] = fired.indices();
            for (String word : new HashSet<>(sentenceTokens)) {
                sentencesWithWord.merge(word, 1, Integer::sum);
            }
        }
        float[][] sums = new float[n][width];
        float[] known = new float[n];
        float[] whole = new float[width];
        for (int i = 0; i < n; i++) {
            for (String token : tokens.get(i)) {
                float[] vector = prepared.vector(token);
                if (vector != null) {
                    float weight = (float) idf(token);
                    for (int d = 0; d < width; d++) {
                        sums[i][d] += weight * vector[d];
                    }
                    known[i]++;
                }
            }
            for (int d = 0; d < width; d++) {
                whole[d] += sums[i][d];
            }
        }
        float[][] units = new float[n][];
        for (int i = 0; i < n; i++) {
            units[i] = Vectors.unit(sums[i]);
        }
        float[] documentUnit = Vectors.unit(whole);
        double[] restCosine = new double[n];
        for (int i = 0; i < n; i++) {
            restCosine[i] = Vectors.dot(units[i], Vectors.unit(Vectors.minus(whole, sums[i])));
        }
        double meanWords = 0;
        for (int w : words) {
            meanWords += w;
        }
        meanWords = n == 0 ? 1 : Math.max(1, meanWords / n);

        float[][] scalars = new float[n][];
        float[][] vectors = new float[n][];
        float spread = (float) Math.sqrt(width);
        for (int i = 0; i < n; i++) {
            vectors[i] = Vectors.scaled(units[i], spread);
            scalars[i] = scalars(i, n, sentences.get(i), tokens.get(i), words[i], meanWords, units, documentUnit,
                    restCosine, sentencesWithWord, known[i]);
        }
        return new DocumentFeatures(sentences, words, vectors, scalars, cues);
    }

    private float[] scalars(int i, int n, String sentence, List<String> tokens, int words, double meanWords,
                            float[][] units, float[] documentUnit, double[] restCosine,
                            Map<String, Integer> sentencesWithWord, float known) {
        float[] f = new float[SCALARS];
        f[0] = n > 1 ? (float) i / (n - 1) : 0f;
        f[1] = 1f / (i + 1);
        f[2] = i == 0 ? 1f : 0f;
        f[3] = i == 1 ? 1f : 0f;
        f[4] = i == n - 1 ? 1f : 0f;
        f[5] = Math.min(i, 30) / 30f;
        f[6] = Math.min(n, 60) / 60f;
        f[7] = Math.min(words / 40f, 2f);
        f[8] = (float) Math.min(words / meanWords, 3.0) / 3f;
        f[9] = Math.min((float) words / prepared.wordLimit(), 2f);
        f[10] = (float) Vectors.dot(units[i], documentUnit);
        f[11] = (float) restCosine[i];
        f[12] = (float) Vectors.dot(units[i], units[0]);
        f[13] = centralityRank(i, restCosine);
        f[14] = closestOther(i, units);
        f[15] = recurringShare(tokens, sentencesWithWord);
        f[16] = meanIdf(tokens);
        f[17] = share(tokens, SentenceFeaturizer::hasDigit);
        f[18] = capitalisedShare(sentence);
        f[19] = sentence.indexOf('"') >= 0 || sentence.indexOf('\u201c') >= 0 || sentence.indexOf('\u201d') >= 0
                ? 1f : 0f;
        f[20] = sentence.endsWith("?") || sentence.endsWith("!") ? 1f : 0f;
        f[21] = tokens.isEmpty() ? 0f : known / tokens.size();
        return f;
    }

    /** 0 for the sentence most like the rest of the document, 1 for the least like it. */
    private static float centralityRank(int i, double[] restCosine) {
        int above = 0;
        for (double other : restCosine) {
            if (other > restCosine[i]) {
                above++;
            }
        }
        return restCosine.length > 1 ? (float) above / (restCosine.length - 1) : 0f;
    }

    private static float closestOther(int i, float[][] units) {
        double best = 0;
        for (int j = 0; j < units.length; j++) {
            if (j != i) {
                best = Math.max(best, Vectors.dot(units[i], units[j]));
            }
        }
        return (float) best;
    }

    /** The idf-weighted share of the sentence's distinct words that some other sentence also uses. */
    private float recurringShare(List<String> tokens, Map<String, Integer> sentencesWithWord) {
        double total = 0;
        double recurring = 0;
        for (String word : new HashSet<>(tokens)) {
            double weight = idf(word);
            total += weight;
            if (sentencesWithWord.getOrDefault(word, 0) > 1) {
                recurring += weight;
            }
        }
        return total == 0 ? 0f : (float) (recurring / total);
    }

    private float meanIdf(List<String> tokens) {
        double sum = 0;
        for (String token : tokens) {
            sum += idf(token);
        }
        return tokens.isEmpty() ? 0f : (float) (sum / tokens.size() / maxIdf);
    }

    private static float share(List<String> tokens, Predicate<String> test) {
        int count = 0;
        for (String token : tokens) {
            if (test.test(token)) {
                count++;
            }
        }
        return tokens.isEmpty() ? 0f : (float) count / tokens.size();
    }

    private static boolean hasDigit(String token) {
        for (int i = 0; i < token.length(); i++) {
            if (Character.isDigit(token.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The share of words after the first that start with a capital: names, places, organisations. */
    private static float capitalisedShare(String sentence) {
        int words = 0;
        int capitalised = 0;
        boolean inWord = false;
        for (int i = 0; i < sentence.length(); i++) {
            char c = sentence.charAt(i);
            if (Character.isLetter(c)) {
                if (!inWord) {
                    words++;
                    if (words > 1 && Character.isUpperCase(c)) {
                        capitalised++;
                    }
                }
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                inWord = false;
            }
        }
        return words > 1 ? (float) capitalised / (words - 1) : 0f;
    }

    /** Smoothed inverse document frequency; a word no training document had gets the highest. */
    private double idf(String word) {
        return idfOf(prepared.documentFrequency(word));
    }

    private double idfOf(long documentFrequency) {
        return Math.log((prepared.documents() + 1.0) / (documentFrequency + 1.0)) + 1.0;
    }
}
