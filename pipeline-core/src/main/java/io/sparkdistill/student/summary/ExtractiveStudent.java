package io.sparkdistill.student.summary;

import io.sparkdistill.student.text.Answerer;
import io.sparkdistill.student.text.StudentCard;
import io.sparkdistill.student.text.StudentWeights;
import io.sparkdistill.student.text.TextAnswer;
import io.sparkdistill.student.text.TextStudent;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A trained extractive summariser: scores a document's sentences with its network and quotes the ones that add to
 * a summary, in document order, within its word limit and cut at its word budget, without the openings and clauses
 * such summaries leave out ({@link SummarySelector}).
 *
 * <p>Serialisable, so Spark can broadcast it: the network travels as the bytes of DL4J's own model format.
 */
public final class ExtractiveStudent implements TextStudent {
    private static final long serialVersionUID = 1L;
    public static final String VECTORS_FILE = "word-vectors.bin";
    /** The input field holding the document. */
    public static final String DOCUMENT = "document";

    /** Card settings this student needs to be rebuilt. */
    static final String WORD_LIMIT = "word_limit";
    static final String WORD_BUDGET = "word_budget";
    static final String CUE_BUCKETS = "cue_buckets";
    static final String MAX_SENTENCES = "max_sentences";
    static final String DROPPED_CLAUSES = "dropped_clauses";
    static final String OPENING_GAINS = "opening_gains";
    static final String SENTENCE_CHOICE = "sentence_choice";

    private final ExtractivePreparation prepared;
    private final StudentCard card;
    private final SentenceChoice choice;
    private transient ComputationGraph network;
    private transient SentenceScorer scorer;

    /**
     * @param card   its settings hold the word limit, cue buckets and sentence cap, as the family writes them
     * @param choice which sentences it quotes: those its network scores best, or the first
     */
    public ExtractiveStudent(ExtractivePreparation prepared, ComputationGraph network, StudentCard card,
                             SentenceChoice choice) {
        this.prepared = prepared;
        this.network = network;
        this.card = card;
        this.choice = choice;
        this.scorer = new SentenceScorer(network, prepared);
    }

    @Override
    public Answerer newAnswerer() {
        SentenceFeaturizer featurizer = new SentenceFeaturizer(prepared);
        SummarySelector selector = new SummarySelector(prepared.wordLimit(), prepared.wordBudget(),
                prepared.droppableClauses(), prepared.openingCut());
        return inputs -> {
            DocumentFeatures document = featurizer.featurise(inputs.getOrDefault(DOCUMENT, ""));
            float[] scores = choice == SentenceChoice.NETWORK ? scorer.scores(document) : firstOnly(document.size());
            return new TextAnswer(selector.summary(document.sentences(), document.words(), scores), 1);
        };
    }

    /** Scores under which the selector quotes the first sentence alone. */
    private static float[] firstOnly(int sentences) {
        float[] scores = new float[sentences];
        if (sentences > 0) {
            scores[0] = 1f;
        }
        return scores;
    }

    @Override
    public StudentCard card() {
        return card;
    }

    @Override
    public long parameterCount() {
        return network.numParams();
    }

    /** The network itself (not a copy). */
    public ComputationGraph network() {
        return network;
    }

    public ExtractivePreparation prepared() {
        return prepared;
    }

    @Override
    public void save(Path folder) throws IOException {
        Files.createDirectories(folder);
        StudentWeights.write(network, folder);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(
                folder.resolve(VECTORS_FILE)))) {
            prepared.writeVectors(out);
        }
        card.write(folder);
    }

    /** Loads a folder written by {@link #save}. */
    public static ExtractiveStudent load(Path folder) throws IOException {
        StudentCard card = StudentCard.read(folder);
        Map<String, Object> settings = card.settings();
        ExtractivePreparation prepared;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(folder.resolve(VECTORS_FILE)))) {
            prepared = ExtractivePreparation.readVectors(in, number(settings, WORD_LIMIT),
                    number(settings, WORD_BUDGET),
                    number(settings, CUE_BUCKETS), number(settings, MAX_SENTENCES), clauses(settings),
                    openingCut(settings));
        }
        return new ExtractiveStudent(prepared, StudentWeights.read(folder), card, choice(settings));
    }

    private static Set<String> clauses(Map<String, Object> settings) throws IOException {
        Object value = settings.get(DROPPED_CLAUSES);
        if (!(value instanceof List<?> list)) {
            throw new IOException("the student's card has no list " + DROPPED_CLAUSES);
        }
        Set<String> clauses = new HashSet<>();
        list.forEach(clause -> clauses.add(String.valueOf(clause)));
        return clauses;
    }

    private static SentenceChoice choice(Map<String, Object> settings) throws IOException {
        Object value = settings.get(SENTENCE_CHOICE);
        for (SentenceChoice choice : SentenceChoice.values()) {
            if (choice.settingName().equals(value)) {
                return choice;
            }
        }
        throw new IOException("the student's card has no " + SENTENCE_CHOICE + " among "
                + List.of(SentenceChoice.values()) + ", got " + value);
    }

    private static OpeningCut openingCut(Map<String, Object> settings) throws IOException {
        Object value = settings.get(OPENING_GAINS);
        if (!(value instanceof Map<?, ?> map)) {
            throw new IOException("the student's card has no map " + OPENING_GAINS);
        }
        Map<String, Double> gains = new HashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getValue() instanceof Number gain)) {
                throw new IOException("the student's card has a gain that is not a number in " + OPENING_GAINS);
            }
            gains.put(String.valueOf(entry.getKey()), gain.doubleValue());
        }
        return new OpeningCut(gains);
    }

    private static int number(Map<String, Object> settings, String key) throws IOException {
        Object value = settings.get(key);
        if (!(value instanceof Number)) {
            throw new IOException("the student's card has no number " + key);
        }
        return ((Number) value).intValue();
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeObject(StudentWeights.toBytes(network));
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        network = StudentWeights.fromBytes((byte[]) in.readObject());
        scorer = new SentenceScorer(network, prepared);
    }
}
