package io.sparkdistill.student.qa;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Map;

/**
 * A trained extractive qa student: answers with a span of the context, in the context's own characters, chosen
 * from the network's start and end probabilities by {@link SpanDecoder}.
 *
 * <p>Serialisable, so Spark can broadcast it: the network travels as the bytes of DL4J's own model format.
 */
public final class ExtractiveStudent implements TextStudent {
    private static final long serialVersionUID = 1L;
    public static final String VOCABULARY_FILE = "reading-vocabulary.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExtractiveInputs inputs;
    private final StudentCard card;
    private transient ComputationGraph network;

    public ExtractiveStudent(ExtractiveInputs inputs, ComputationGraph network, StudentCard card) {
        this.inputs = inputs;
        this.network = network;
        this.card = card;
    }

    /** An answerer computing the network's forward pass in plain Java ({@link SpanScorer}) over its own copy. */
    @Override
    public Answerer newAnswerer() {
        SpanScorer scorer = new SpanScorer(network);
        return fields -> answer(scorer, fields);
    }

    private TextAnswer answer(SpanScorer scorer, Map<String, String> fields) {
        TextTokens context = ExtractiveInputs.context(fields);
        ReadingFeatures features = inputs.features(context, ExtractiveInputs.question(fields));
        if (features.length() == 0) {
            return new TextAnswer("", 1);
        }
        float[][] probabilities = scorer.probabilities(features);
        AnswerLocator.Span span = SpanDecoder.best(probabilities[ExtractiveNetwork.START],
                probabilities[ExtractiveNetwork.END], features.length(), inputs.sizes().maxAnswerTokens());
        return new TextAnswer(context.answer(span.first(), span.last()), 1);
    }

    @Override
    public StudentCard card() {
        return card;
    }

    @Override
    public long parameterCount() {
        return network.numParams();
    }

    /** The network itself (not a copy): for training code that goes on from it. */
    public ComputationGraph network() {
        return network;
    }

    public ExtractiveInputs inputs() {
        return inputs;
    }

    /** Writes {@code student.zip} (without updater state), the reading vocabulary and {@code student.json}. */
    @Override
    public void save(Path folder) throws IOException {
        Files.createDirectories(folder);
        StudentWeights.write(network, folder);
        JSON.writeValue(folder.resolve(VOCABULARY_FILE).toFile(), inputs.vocabulary());
        card.write(folder);
    }

    /** Loads a folder written by {@link #save}; the sizes come from the card's settings. */
    public static ExtractiveStudent load(Path folder) throws IOException {
        StudentCard card = StudentCard.read(folder);
        ReadingVocabulary vocabulary = JSON.readValue(folder.resolve(VOCABULARY_FILE).toFile(),
                ReadingVocabulary.class);
        ExtractiveInputs inputs = new ExtractiveInputs(vocabulary, ExtractiveSizes.fromMap(card.settings()));
        return new ExtractiveStudent(inputs, StudentWeights.read(folder), card);
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
