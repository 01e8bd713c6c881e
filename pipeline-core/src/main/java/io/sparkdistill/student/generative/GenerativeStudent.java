package io.sparkdistill.student.generative;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.ingest.TaskType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A trained generative student: its vocabulary, its network and its metadata. Reads an example's inputs and writes
 * an answer with {@link #newDecoder()}, one decoder per thread.
 *
 * <p>Serialisable, so Spark can broadcast it: the network travels as the bytes of DL4J's own model format.
 */
public final class GenerativeStudent implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String WEIGHTS_FILE = "student.zip";
    public static final String VOCABULARY_FILE = "vocabulary.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SubwordVocabulary vocabulary;
    private final GenerativeMetadata metadata;
    private transient MultiLayerNetwork network;

    public GenerativeStudent(SubwordVocabulary vocabulary, MultiLayerNetwork network, GenerativeMetadata metadata) {
        int expected = GenerativeNetwork.FIRST_LSTM_LAYER + metadata.settings().layers() + 1;
        if (network.getnLayers() != expected) {
            throw new IllegalArgumentException("the network has " + network.getnLayers() + " layers; the metadata's "
                    + metadata.settings().layers() + " LSTM layer(s) need " + expected);
        }
        this.vocabulary = vocabulary;
        this.network = network;
        this.metadata = metadata;
    }

    /** An answer: its text and the tokens written for it (the end token included when written). */
    public record Answer(String text, int generatedTokens) {
    }

    /** Writes answers; holds its own copy of the network, for one thread. */
    public final class Decoder {
        private final SequenceDecoder decoder;

        private Decoder(int beamWidth) {
            decoder = new SequenceDecoder(network.clone(), metadata.settings().layers(), beamWidth,
                    metadata.settings().maxAnswerTokens());
        }

        public Answer answer(Map<String, String> inputs) {
            TaskType task = TaskType.fromConfigName(metadata.task());
            int[] prompt = StudentPrompt.truncate(task, vocabulary.encode(StudentPrompt.render(task, inputs)),
                    metadata.settings().maxPromptTokens());
            SequenceDecoder.Generation g = decoder.generate(prompt);
            return new Answer(vocabulary.decode(g.tokens()), g.generatedTokens());
        }
    }

    /** A decoder with this student's decoding settings (beam search or greedy). */
    public Decoder newDecoder() {
        return new Decoder(metadata.settings().effectiveBeamWidth());
    }

    /** A decoder keeping {@code beamWidth} hypotheses (1: greedy), whatever the settings say. */
    public Decoder newDecoder(int beamWidth) {
        return new Decoder(beamWidth);
    }

    public SubwordVocabulary vocabulary() {
        return vocabulary;
    }

    public GenerativeMetadata metadata() {
        return metadata;
    }

    /** The network itself (not a copy): for training code that goes on from it. */
    public MultiLayerNetwork network() {
        return network;
    }

    public long parameterCount() {
        return network.numParams();
    }

    /** Writes {@code student.zip} (without updater state), {@code vocabulary.json} and {@code student.json}. */
    public void save(Path folder) throws IOException {
        Files.createDirectories(folder);
        ModelSerializer.writeModel(network, folder.resolve(WEIGHTS_FILE).toFile(), false);
        JSON.writeValue(folder.resolve(VOCABULARY_FILE).toFile(), vocabulary);
        metadata.write(folder.resolve(GenerativeMetadata.FILE_NAME));
    }

    /** Loads a folder written by {@link #save}. */
    public static GenerativeStudent load(Path folder) throws IOException {
        Path weights = folder.resolve(WEIGHTS_FILE);
        if (!Files.isRegularFile(weights)) {
            throw new IOException("no student weights at " + weights);
        }
        SubwordVocabulary vocabulary = JSON.readValue(folder.resolve(VOCABULARY_FILE).toFile(),
                SubwordVocabulary.class);
        return new GenerativeStudent(vocabulary, ModelSerializer.restoreMultiLayerNetwork(weights.toFile(), false),
                GenerativeMetadata.read(folder.resolve(GenerativeMetadata.FILE_NAME)));
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
            network = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream((byte[]) in.readObject()),
                    false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore the generative student's network", e);
        }
    }
}
