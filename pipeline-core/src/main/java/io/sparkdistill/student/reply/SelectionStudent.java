package io.sparkdistill.student.reply;

import io.sparkdistill.student.text.Answerer;
import io.sparkdistill.student.text.StudentCard;
import io.sparkdistill.student.text.TextAnswer;
import io.sparkdistill.student.text.TextStudent;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A trained response-selection student: it encodes the conversation, scores every candidate reply, and answers
 * with the best candidate whose slots the conversation fills; when none does, the best with its training values.
 *
 * <p>Serialisable, so Spark can broadcast it: the network travels as the bytes of DL4J's own model format, and the
 * candidates' encodings are computed again on arrival rather than shipped.
 */
public final class SelectionStudent implements TextStudent {
    private static final long serialVersionUID = 1L;
    public static final String WEIGHTS_FILE = "student.zip";
    public static final String CANDIDATES_FILE = "candidates.ser";

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
        boolean[] tried = new boolean[scores.length];
        int best = -1;
        for (int attempt = 0; attempt < scores.length; attempt++) {
            int top = -1;
            for (int n = 0; n < scores.length; n++) {
                if (!tried[n] && (top < 0 || scores[n] > scores[top])) {
                    top = n;
                }
            }
            tried[top] = true;
            if (best < 0) {
                best = top;
            }
            var reply = candidates.templates().get(top).fill(conversation);
            if (reply.isPresent()) {
                return new TextAnswer(reply.get(), 1);
            }
        }
        return new TextAnswer(candidates.templates().get(best).fillWithFallbacks(conversation), 1);
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
        ModelSerializer.writeModel(network, folder.resolve(WEIGHTS_FILE).toFile(), false);
        try (OutputStream file = Files.newOutputStream(folder.resolve(CANDIDATES_FILE));
             ObjectOutputStream out = new ObjectOutputStream(file)) {
            out.writeObject(candidates);
        }
        card.write(folder);
    }

    /** Loads a folder written by {@link #save}. */
    public static SelectionStudent load(Path folder) throws IOException {
        Path weights = folder.resolve(WEIGHTS_FILE);
        if (!Files.isRegularFile(weights)) {
            throw new IOException("no student weights at " + weights);
        }
        CandidateSet candidates;
        try (InputStream file = Files.newInputStream(folder.resolve(CANDIDATES_FILE));
             ObjectInputStream in = new ObjectInputStream(file)) {
            candidates = (CandidateSet) in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException("cannot read the candidate replies in " + folder, e);
        }
        return new SelectionStudent(candidates, ModelSerializer.restoreComputationGraph(weights.toFile(), false),
                StudentCard.read(folder));
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(network, bytes, false);
        out.writeObject(bytes.toByteArray());
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        try {
            network = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream((byte[]) in.readObject()),
                    false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore the selection student's network", e);
        }
        ranker = new CandidateRanker(candidates, network);
    }
}
