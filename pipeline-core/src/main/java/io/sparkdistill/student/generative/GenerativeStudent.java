package io.sparkdistill.student.generative;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.config.GenerativeStudentConfig;
import io.sparkdistill.student.text.Answerer;
import io.sparkdistill.student.text.StudentCard;
import io.sparkdistill.student.text.StudentWeights;
import io.sparkdistill.student.text.TextAnswer;
import io.sparkdistill.student.text.TextStudent;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A trained generative (LSTM) student: its vocabulary, how it reads a prompt, its network and its card. Writes an
 * answer token by token with an {@link Answerer}, one per thread.
 *
 * <p>Serialisable, so Spark can broadcast it: the network travels as the bytes of DL4J's own model format.
 */
public final class GenerativeStudent implements TextStudent {
    private static final long serialVersionUID = 2L;
    public static final String VOCABULARY_FILE = "vocabulary.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SubwordVocabulary vocabulary;
    private final StudentPrompt prompt;
    private final StudentCard card;
    private final GenerativeStudentConfig settings;
    private transient ComputationGraph network;

    /**
     * @param card its settings hold the {@code student.generative} config the network was built with (see
     *             {@link LstmFamily#student}), read back here for the length limits and decoding
     */
    public GenerativeStudent(SubwordVocabulary vocabulary, StudentPrompt prompt, ComputationGraph network,
                             StudentCard card) {
        this.settings = LstmSettings.fromCard(card.settings());
        int expected = settings.layers() + 2;
        if (network.getNumLayers() != expected) {
            throw new IllegalArgumentException("the network has " + network.getNumLayers() + " layers; the card's "
                    + settings.layers() + " LSTM layer(s) need " + expected);
        }
        this.vocabulary = vocabulary;
        this.prompt = prompt;
        this.network = network;
        this.card = card;
    }

    /** An answerer with this student's decoding settings (beam search or greedy). */
    @Override
    public Answerer newAnswerer() {
        return newAnswerer(settings.effectiveBeamWidth());
    }

    /**
     * An answerer keeping {@code beamWidth} hypotheses (1: greedy), whatever the settings say: greedy is cheaper
     * and enough to follow training epoch by epoch. Its answers count the tokens written, the end token included.
     */
    public Answerer newAnswerer(int beamWidth) {
        SequenceDecoder decoder = new SequenceDecoder(network.clone(), settings.layers(), beamWidth,
                settings.maxAnswerTokens());
        return inputs -> {
            SequenceDecoder.Generation g = decoder.generate(prompt.tokens(vocabulary, inputs,
                    settings.maxPromptTokens()));
            return new TextAnswer(vocabulary.decode(g.tokens()), g.generatedTokens());
        };
    }

    @Override
    public StudentCard card() {
        return card;
    }

    /** The {@code student.generative} config the student was built with. */
    public GenerativeStudentConfig settings() {
        return settings;
    }

    public SubwordVocabulary vocabulary() {
        return vocabulary;
    }

    public StudentPrompt prompt() {
        return prompt;
    }

    /** The network itself (not a copy): for training code that goes on from it. */
    public ComputationGraph network() {
        return network;
    }

    @Override
    public long parameterCount() {
        return network.numParams();
    }

    /** Writes {@code student.zip} (without updater state), {@code vocabulary.json} and {@code student.json}. */
    @Override
    public void save(Path folder) throws IOException {
        Files.createDirectories(folder);
        StudentWeights.write(network, folder);
        JSON.writeValue(folder.resolve(VOCABULARY_FILE).toFile(), vocabulary);
        card.write(folder);
    }

    /**
     * Loads a folder written by {@link #save}. How prompts are rendered is code, not data, so the caller (the
     * family, made for the task) gives it.
     */
    public static GenerativeStudent load(Path folder, StudentPrompt prompt) throws IOException {
        SubwordVocabulary vocabulary = JSON.readValue(folder.resolve(VOCABULARY_FILE).toFile(),
                SubwordVocabulary.class);
        return new GenerativeStudent(vocabulary, prompt, StudentWeights.read(folder), StudentCard.read(folder));
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeObject(StudentWeights.toBytes(network));
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        network = StudentWeights.fromBytes((byte[]) in.readObject());
    }
}
