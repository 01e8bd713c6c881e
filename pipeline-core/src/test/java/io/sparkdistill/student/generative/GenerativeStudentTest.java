package io.sparkdistill.student.generative;

import io.sparkdistill.config.GenerativeStudentConfig;
import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.ingest.TaskType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generative student learns to answer questions it was trained on, writes the same answers with greedy and beam
 * decoding, and keeps them through saving and Java serialisation (Spark's broadcast).
 */
class GenerativeStudentTest {
    private static final Map<String, String> FACTS = Map.of(
            "Where was the Orion 7 designed?", "in Krakow",
            "Who founded Halcyon Robotics?", "Priya Rossi",
            "When did the chess open take place?", "on 2 September 2024",
            "How many visitors does the market draw?", "around 29000");
    private static GenerativeStudent trained;

    private static GenerativeStudentConfig settings(String decoding) {
        return new GenerativeStudentConfig(120, 16, 64, 1, 64, 20, decoding, 3);
    }

    private static Map<String, String> inputs(String question) {
        return Map.of("context", "Facts.", "question", question);
    }

    @BeforeAll
    static void train() {
        Map<String, Long> counts = new HashMap<>();
        FACTS.forEach((q, a) -> StudentPrompt.vocabularyTexts(TaskType.QA, inputs(q), a).forEach(text ->
                SubwordVocabulary.preTokens(text).forEach(p -> counts.merge(p, 1L, Long::sum))));
        SubwordVocabulary vocabulary = SubwordVocabulary.learn(counts, 120);
        Hyperparameters hyper = new Hyperparameters(0.03, 6, 1, 1.0, 1.0, 7L, null, null);
        GenerativeStudentConfig settings = settings(GenerativeStudentConfig.GREEDY);
        MultiLayerNetwork network = GenerativeNetwork.create(settings, hyper, vocabulary.size());
        List<TokenSequence> sequences = new ArrayList<>();
        FACTS.forEach((q, a) -> sequences.add(TokenSequence.of(vocabulary, TaskType.QA, inputs(q), a, settings)));
        for (int epoch = 0; epoch < 200; epoch++) {
            network.fit(SequenceBatches.toDataSet(sequences));
        }
        trained = new GenerativeStudent(vocabulary, network,
                new GenerativeMetadata("distilled", "qa", settings, hyper.asMap(), Map.of()));
    }

    @Test
    void greedyDecodingWritesTheAnswersItWasTrainedOn() {
        GenerativeStudent.Decoder decoder = trained.newDecoder();
        FACTS.forEach((q, a) -> assertEquals(a, decoder.answer(inputs(q)).text(), q));
    }

    @Test
    void beamSearchFindsTheSameAnswersAndCountsTheEndToken() {
        GenerativeStudent beam = new GenerativeStudent(trained.vocabulary(), trained.network(),
                new GenerativeMetadata("distilled", "qa", settings(GenerativeStudentConfig.BEAM), Map.of(), Map.of()));
        GenerativeStudent.Decoder decoder = beam.newDecoder();
        FACTS.forEach((q, a) -> {
            GenerativeStudent.Answer answer = decoder.answer(inputs(q));
            assertEquals(a, answer.text(), q);
            assertEquals(trained.vocabulary().encode(a).length + 1, answer.generatedTokens(), "tokens and the end");
        });
    }

    @Test
    void answersNeverExceedTheLengthLimit() {
        GenerativeStudent.Answer answer = trained.newDecoder().answer(inputs("Something never asked before, at all?"));
        assertTrue(answer.generatedTokens() <= 20, "at most max_answer_tokens: " + answer.generatedTokens());
    }

    @Test
    void aSavedStudentAndASerialisedOneAnswerAlike(@TempDir Path folder) throws Exception {
        trained.save(folder);
        GenerativeStudent loaded = GenerativeStudent.load(folder);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(trained);
        }
        GenerativeStudent copied;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copied = (GenerativeStudent) in.readObject();
        }
        String question = FACTS.keySet().iterator().next();
        String expected = trained.newDecoder().answer(inputs(question)).text();
        assertEquals(expected, loaded.newDecoder().answer(inputs(question)).text());
        assertEquals(expected, copied.newDecoder().answer(inputs(question)).text());
        assertEquals(trained.parameterCount(), loaded.parameterCount());
        assertEquals("distilled", loaded.metadata().kind());
    }
}
