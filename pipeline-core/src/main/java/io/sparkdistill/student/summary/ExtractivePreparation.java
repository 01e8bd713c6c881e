package io.sparkdistill.student.summary;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the extractive family learns from the training split's counts before training, broadcast to the executors
 * and saved with the student: the known words with their frozen teacher vectors and document frequencies, and the
 * summary's word limit, the word budget it is cut at, the clauses it leaves out and where its sentences' openings
 * are cut.
 *
 * <p>The vectors are the teacher's word vectors less the mean of the vocabulary's vectors: every word of the
 * teacher's input table shares a large common direction, which would make all sentence means look alike.
 */
public final class ExtractivePreparation implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int FORMAT = 1;

    private final List<String> words;
    private final float[][] vectors;
    private final int vectorWidth;
    private final long[] documentFrequencies;
    private final long documents;
    private final int wordLimit;
    private final int wordBudget;
    private final int cueBuckets;
    private final int maxSentences;
    private final Set<String> droppableClauses;
    private final OpeningCut openingCut;
    private transient Map<String, Integer> index;

    /**
     * @param words               the known words, most frequent first
     * @param vectors             each known word's centred teacher vector
     * @param vectorWidth         width of the teacher's vectors (kept apart: the vocabulary may be empty)
     * @param documentFrequencies in how many training documents each known word occurs
     * @param documents           training documents counted
     * @param wordLimit           words a summary may have (a high quantile of the oracle extracts' lengths)
     * @param wordBudget          words the summary is cut after, {@link WordBudget#NONE} for no cut
     * @param cueBuckets          hash buckets of the sentences' word and word-pair cue features
     * @param maxSentences        sentences of a document that are scored; later ones are never chosen
     * @param droppableClauses    the clauses the summary leaves out of its sentences ({@link ClauseCompressor})
     * @param openingCut          where the summary's sentences' openings are cut ({@link OpeningCut})
     */
    public ExtractivePreparation(List<String> words, float[][] vectors, int vectorWidth, long[] documentFrequencies,
                                 long documents, int wordLimit, int wordBudget, int cueBuckets,
                                 int maxSentences, Set<String> droppableClauses, OpeningCut openingCut) {
        if (vectors.length != words.size() || documentFrequencies.length != words.size()) {
            throw new IllegalArgumentException(words.size() + " words but " + vectors.length + " vectors and "
                    + documentFrequencies.length + " document frequencies");
        }
        for (float[] vector : vectors) {
            if (vector.length != vectorWidth) {
                throw new IllegalArgumentException("a word vector is " + vector.length + " wide, not " + vectorWidth);
            }
        }
        if (wordBudget < 0) {
            throw new IllegalArgumentException("the word budget must not be negative");
        }
        if (vectorWidth < 1 || wordLimit < 1 || cueBuckets < 1 || maxSentences < 1) {
            throw new IllegalArgumentException(
                    "the vector width, word limit, cue buckets and sentence cap must be positive");
        }
        this.words = List.copyOf(words);
        this.vectors = vectors;
        this.vectorWidth = vectorWidth;
        this.documentFrequencies = documentFrequencies;
        this.documents = documents;
        this.wordLimit = wordLimit;
        this.wordBudget = wordBudget;
        this.cueBuckets = cueBuckets;
        this.maxSentences = maxSentences;
        this.droppableClauses = Set.copyOf(droppableClauses);
        this.openingCut = openingCut;
        this.index = buildIndex();
    }

    public List<String> words() {
        return words;
    }

    public long documents() {
        return documents;
    }

    public int wordLimit() {
        return wordLimit;
    }

    /** Words the summary is cut after ({@link WordBudget}); {@link WordBudget#NONE} for no cut. */
    public int wordBudget() {
        return wordBudget;
    }

    public int cueBuckets() {
        return cueBuckets;
    }

    public int maxSentences() {
        return maxSentences;
    }

    public Set<String> droppableClauses() {
        return droppableClauses;
    }

    OpeningCut openingCut() {
        return openingCut;
    }

    /** Width of the word vectors (the teacher's, 384). */
    public int vectorWidth() {
        return vectorWidth;
    }

    /** A known word's centred teacher vector, or null for a word outside the vocabulary. */
    float[] vector(String word) {
        Integer row = index.get(word);
        return row == null ? null : vectors[row];
    }

    /** In how many training documents a word occurs: 0 for a word outside the vocabulary. */
    long documentFrequency(String word) {
        Integer row = index.get(word);
        return row == null ? 0 : documentFrequencies[row];
    }

    /** Writes the words, frequencies and vectors (the sizes live in the student's card). */
    public void writeVectors(OutputStream stream) throws IOException {
        DataOutputStream out = new DataOutputStream(stream);
        out.writeInt(FORMAT);
        out.writeLong(documents);
        out.writeInt(words.size());
        out.writeInt(vectorWidth());
        for (int i = 0; i < words.size(); i++) {
            out.writeUTF(words.get(i));
            out.writeLong(documentFrequencies[i]);
            for (float value : vectors[i]) {
                out.writeFloat(value);
            }
        }
        out.flush();
    }

    /** Reads what {@link #writeVectors} wrote, with the sizes from the card. */
    public static ExtractivePreparation readVectors(InputStream stream, int wordLimit, int wordBudget,
                                                    int cueBuckets, int maxSentences, Set<String> droppableClauses,
                                                    OpeningCut openingCut)
            throws IOException {
        DataInputStream in = new DataInputStream(stream);
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException("unknown word vector format " + format);
        }
        long documents = in.readLong();
        int count = in.readInt();
        int width = in.readInt();
        String[] words = new String[count];
        long[] frequencies = new long[count];
        float[][] vectors = new float[count][width];
        for (int i = 0; i < count; i++) {
            words[i] = in.readUTF();
            frequencies[i] = in.readLong();
            for (int d = 0; d < width; d++) {
                vectors[i][d] = in.readFloat();
            }
        }
        return new ExtractivePreparation(List.of(words), vectors, width, frequencies, documents, wordLimit,
                wordBudget, cueBuckets, maxSentences, droppableClauses, openingCut);
    }

    private Map<String, Integer> buildIndex() {
        Map<String, Integer> built = new HashMap<>(words.size() * 2);
        for (int i = 0; i < words.size(); i++) {
            built.put(words.get(i), i);
        }
        return built;
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        index = buildIndex();
    }
}
