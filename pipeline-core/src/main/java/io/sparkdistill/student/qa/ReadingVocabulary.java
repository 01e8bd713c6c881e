package io.sparkdistill.student.qa;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sparkdistill.student.TeacherWordVectors;
import io.sparkdistill.teacher.TokenEmbeddingTable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The words an extractive student knows: for each, the teacher's frozen word vector reduced by PCA (so words that
 * mean alike look alike to the student, which 280 examples could never teach it), and in how many training examples
 * it occurs, which says how telling a match with the question is ("Halcyon" more than "the").
 *
 * <p>Only the training words' vectors are kept, not the teacher's table (47 MB and a native tokenizer); a word first
 * seen at prediction time has no vector, and the student reads it by its shape and its match with the question.
 */
public final class ReadingVocabulary implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> words;
    private final float[][] vectors;
    private final long[] documentFrequency;
    private final long examples;
    /** Built from the fields, after construction and after deserialisation. */
    private transient Map<String, Integer> ids;
    private transient boolean[] spelt;

    @JsonCreator
    public ReadingVocabulary(@JsonProperty("words") List<String> words, @JsonProperty("vectors") float[][] vectors,
                             @JsonProperty("documentFrequency") long[] documentFrequency,
                             @JsonProperty("examples") long examples) {
        if (words.size() != vectors.length || words.size() != documentFrequency.length) {
            throw new IllegalArgumentException("a reading vocabulary needs one vector and one count per word");
        }
        this.words = List.copyOf(words);
        this.vectors = vectors;
        this.documentFrequency = documentFrequency;
        this.examples = examples;
        index();
    }

    private void index() {
        ids = new HashMap<>(words.size() * 2);
        spelt = new boolean[words.size()];
        for (int i = 0; i < words.size(); i++) {
            ids.put(words.get(i), i);
            for (float value : vectors[i]) {
                spelt[i] |= value != 0f;
            }
        }
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        index();
    }

    /**
     * The {@code maxWords} words occurring in most examples, with their teacher vectors reduced to {@code width}.
     *
     * @param documentCounts for each word, the training examples it occurs in
     * @param examples       the training examples counted
     */
    public static ReadingVocabulary learn(Map<String, Long> documentCounts, long examples, int maxWords, int width,
                                          TokenEmbeddingTable table) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(documentCounts.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        List<String> words = new ArrayList<>();
        long[] frequency = new long[Math.min(maxWords, entries.size())];
        for (int i = 0; i < frequency.length; i++) {
            words.add(entries.get(i).getKey());
            frequency[i] = entries.get(i).getValue();
        }
        return new ReadingVocabulary(words, reducedVectors(words, width, table), frequency, examples);
    }

    /** The teacher's vectors of the words by PCA at unit spread; a word the teacher cannot spell gets zeros. */
    private static float[][] reducedVectors(List<String> words, int width, TokenEmbeddingTable table) {
        int[][] rows = new int[words.size()][];
        boolean[] known = new boolean[words.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new int[]{i};
            known[i] = table.wordVector(words.get(i)) != null;
        }
        INDArray table2d = Nd4j.randn(DataType.FLOAT, Math.max(1, words.size()), width);
        table2d.divi(table2d.stdNumber());
        int reduced = new TeacherWordVectors(table).initialise(table2d, words, rows);
        float[][] vectors = new float[words.size()][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = known[i] && reduced > 0 ? table2d.getRow(i).toFloatVector() : new float[width];
        }
        return vectors;
    }

    /** The word's row, or -1 for a word not known. */
    public int id(String word) {
        return ids.getOrDefault(word, -1);
    }

    /** The word's reduced teacher vector, or null when it has none (unknown, or not spelt by the teacher). */
    public float[] vector(String word) {
        int id = id(word);
        return id >= 0 && spelt[id] ? vectors[id] : null;
    }

    /**
     * How rare the word is, from 0 (in every training example) to 1 (in none): its inverse document frequency on
     * the scale of an unseen word's.
     */
    public float rarity(String word) {
        int id = id(word);
        long frequency = id < 0 ? 0 : documentFrequency[id];
        return (float) (Math.log((examples + 1.0) / (frequency + 1.0)) / Math.log(Math.max(2.0, examples + 1.0)));
    }

    public List<String> getWords() {
        return words;
    }

    public float[][] getVectors() {
        return vectors;
    }

    public long[] getDocumentFrequency() {
        return documentFrequency;
    }

    public long getExamples() {
        return examples;
    }
}
