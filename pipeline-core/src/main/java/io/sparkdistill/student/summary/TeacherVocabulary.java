package io.sparkdistill.student.summary;

import io.sparkdistill.teacher.TokenEmbeddingTable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The training documents' most frequent words that the teacher has a vector for, with those vectors, centred.
 *
 * <p>Only these vectors travel with the student: the teacher's table and tokenizer stay on the driver, and a word
 * first seen at prediction time simply has no vector (its sentence's mean is taken over the words that do). The
 * vectors are centred on the vocabulary's mean, because the teacher's input vectors share a large common direction
 * that would make every sentence's mean look alike.
 *
 * @param words               the words, by document frequency (most frequent first, ties alphabetical)
 * @param vectors             each word's centred teacher vector
 * @param width               the teacher's vector width
 * @param documentFrequencies in how many training documents each word occurs
 */
record TeacherVocabulary(List<String> words, float[][] vectors, int width, long[] documentFrequencies) {

    /** Up to {@code maxWords} of the counted words, most frequent first, keeping those the teacher knows. */
    static TeacherVocabulary of(Map<String, Long> documentFrequencies, int maxWords) {
        TokenEmbeddingTable table = TokenEmbeddingTable.shared();
        List<Map.Entry<String, Long>> entries = new ArrayList<>(documentFrequencies.entrySet());
        entries.sort(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue).reversed()
                .thenComparing(Map.Entry::getKey));
        List<String> words = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        List<Long> frequencies = new ArrayList<>();
        for (Map.Entry<String, Long> entry : entries) {
            if (words.size() == maxWords) {
                break;
            }
            float[] vector = table.wordVector(entry.getKey());
            if (vector != null) {
                words.add(entry.getKey());
                vectors.add(vector);
                frequencies.add(entry.getValue());
            }
        }
        centre(vectors, table.width());
        long[] frequencyArray = new long[frequencies.size()];
        for (int i = 0; i < frequencyArray.length; i++) {
            frequencyArray[i] = frequencies.get(i);
        }
        return new TeacherVocabulary(words, vectors.toArray(new float[0][]), table.width(), frequencyArray);
    }

    private static void centre(List<float[]> vectors, int width) {
        if (vectors.isEmpty()) {
            return;
        }
        float[] mean = new float[width];
        for (float[] vector : vectors) {
            for (int d = 0; d < width; d++) {
                mean[d] += vector[d] / vectors.size();
            }
        }
        for (float[] vector : vectors) {
            for (int d = 0; d < width; d++) {
                vector[d] -= mean[d];
            }
        }
    }
}
