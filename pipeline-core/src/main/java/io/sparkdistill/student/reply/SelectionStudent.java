package io.sparkdistill.student.reply;

import io.sparkdistill.student.text.Answerer;
import io.sparkdistill.student.text.StudentCard;
import io.sparkdistill.student.text.StudentWeights;
import io.sparkdistill.student.text.TextAnswer;
import io.sparkdistill.student.text.TextStudent;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * A trained response-selection student: it encodes the conversation, scores every candidate reply, and answers
 * with the best candidate whose typed slots the conversation fills, each phrase slot that keeps its training value
 * costing {@link #FALLBACK_PENALTY}; when no candidate fits, the best one with its training values.
 *
 * <p>Serialisable, so Spark can broadcast it: the network travels as the bytes of DL4J's own model format, and the
 * candidates' encodings are computed again on arrival rather than shipped.
 */
public final class SelectionStudent implements TextStudent {
    private static final long serialVersionUID = 1L;
    public static final String CANDIDATES_FILE = "candidates.ser";
    /**
     * What a phrase slot that finds nothing in the conversation costs a candidate, in logits: a reply that would
     * keep another conversation's product or page loses to a nearly as likely one that names this conversation's.
     */
    static final double FALLBACK_PENALTY = 2.0;

    private final CandidateSet candidates;
    private final StudentCard card;
    private transient ComputationGraph network;
    private transient CandidateRanker ranker;

    public SelectionStudent(CandidateSet candidates, ComputationGraph network, StudentCard card) {
        this.candidates = candidates;
        this.card = card;
        this.network = network;
        this.ranker = new CandidateRanker(candidates, network);
    }

    /** Answers on the calling thread; the ranker is read-only, so answerers share it. */
    @Override
    public Answerer newAnswerer() {
        return this::answer;
    }

    private TextAnswer answer(Map<String, String> inputs) {
        Conversation conversation = Conversation.parse(inputs.get("messages"));
        float[] scores = ranker.scores(conversation);
        Integer[] order = new Integer[scores.length];
        for (int n = 0; n < order.length; n++) {
            order[n] = n;
        }
        Arrays.sort(order, (a, b) -> Float.compare(scores[b], scores[a]));
        String best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int n : order) {
            if (scores[n] <= bestScore) {
                // no later candidate can do better, even filling every slot
                break;
            }
            Optional<ReplyTemplate.Filling> filling = candidates.templates().get(n).fill(conversation);
            if (filling.isPresent()) {
                double score = scores[n] - FALLBACK_PENALTY * filling.get().fallbacks();
                if (score > bestScore) {
                    bestScore = score;
                    best = filling.get().text();
                }
            }
        }
        if (best == null) {
            best = candidates.templates().get(order[0]).fillWithFallbacks(conversation).text();
        }
        return new TextAnswer(best, 1);
    }

    public CandidateSet candidates() {
        return candidates;
    }

    CandidateRanker ranker() {
        return ranker;
    }

    public ComputationGraph network() {
        return network;
    }

    @Override
    public StudentCard card() {
        return card;
    }

    @Override
    public long parameterCount() {
        return network.numParams();
    }

    /** Writes {@code student.zip} (without updater state), {@code candidates.ser} and {@code student.json}. */
    @Override
    public void save(Path folder) throws IOException {
        Files.createDirectories(folder);
        StudentWeights.write(network, folder);
        try (OutputStream file = Files.newOutputStream(folder.resolve(CANDIDATES_FILE));
             ObjectOutputStream out = new ObjectOutputStream(file)) {
            out.writeObject(candidates);
        }
        card.write(folder);
    }

    /** Loads a folder written by {@link #save}. */
    public static SelectionStudent load(Path folder) throws IOException {
        CandidateSet candidates;
        try (InputStream file = Files.newInputStream(folder.resolve(CANDIDATES_FILE));
             ObjectInputStream in = new ObjectInputStream(file)) {
            candidates = (CandidateSet) in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException("cannot read the candidate replies in " + folder, e);
        }
        return new SelectionStudent(candidates, StudentWeights.read(folder),
                StudentCard.read(folder));
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeObject(StudentWeights.toBytes(network));
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        network = StudentWeights.fromBytes((byte[]) in.readObject());
        ranker = new CandidateRanker(candidates, network);
    }
}
