package io.sparkdistill.student.generative;

import io.sparkdistill.config.Decoding;
import io.sparkdistill.config.GenerativeStudentConfig;
import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.student.text.Answerer;
import io.sparkdistill.student.text.StudentCard;
import io.sparkdistill.student.text.TextAnswer;
import io.sparkdistill.student.text.TextExample;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generative student learns to answer questions it was trained on, writes the same answers with greedy and beam
 * decoding, and keeps them through saving and Java serialisation (Spark's broadcast).
 */
@Tag("slow")
class GenerativeStudentTest {
    private static final Map<String, String> FACTS = Map.of(
            "Where was the Orion 7 designed?", "in Krakow",
            "Who founded Halcyon Robotics?", "Priya Rossi",
            "When did the chess open take place?", "on 2 September 2024",
            "How many visitors does the market draw?", "around 29000");
    private static final LstmFamily FAMILY = new LstmFamily(StudentPrompt::qa, false);
    private static GenerativeStudent trained;

    private static GenerativeStudentConfig settings(Decoding decoding) {
        return new GenerativeStudentConfig(120, 16, 64, 1, 64, 20, decoding, 3);
    }

    private static Map<String, String> inputs(String question) {
        return Map.of("context", "Facts.", "question", question);
    }

    @BeforeAll
    static void train() {
        List<TextExample> examples = new ArrayList<>();
        FACTS.forEach((q, a) -> examples.add(TextExample.of(inputs(q), a, List.of(a))));
        Hyperparameters hyper = new Hyperparameters(0.03, 6, 1, 1.0, 1.0, 7L, null, null);
        trained = FamilyTraining.train(FAMILY, examples, FamilyTraining.settings(
                settings(Decoding.GREEDY), hyper, false), 80, "qa");
    }

    @Test
    void greedyDecodingWritesTheAnswersItWasTrainedOn() {
        Answerer answerer = trained.newAnswerer();
        FACTS.forEach((q, a) -> assertEquals(a, answerer.answer(inputs(q)).text(), q));
    }

    @Test
    void beamSearchFindsTheSameAnswersAndCountsTheEndToken() {
        StudentCard beamCard = new StudentCard("distilled", "qa", LstmFamily.NAME, LstmSettings.toCard(
                settings(Decoding.BEAM), trained.vocabulary().size(), false), Map.of(), null, Map.of());
        GenerativeStudent beam = new GenerativeStudent(trained.vocabulary(), trained.prompt(), trained.network(),
                beamCard);
        Answerer answerer = beam.newAnswerer();
        FACTS.forEach((q, a) -> {
            TextAnswer answer = answerer.answer(inputs(q));
            assertEquals(a, answer.text(), q);
            assertEquals(trained.vocabulary().encode(a).length + 1, answer.generatedTokens(), "tokens and the end");
        });
    }

    @Test
    void aGreedyAnswererCanBeAskedForWhateverTheSettingsSay() {
        FACTS.forEach((q, a) -> assertEquals(a, trained.newAnswerer(1).answer(inputs(q)).text(), q));
    }

    @Test
    void answersNeverExceedTheLengthLimit() {
        TextAnswer answer = trained.newAnswerer().answer(inputs("Something never asked before, at all?"));
        assertTrue(answer.generatedTokens() <= 20, "at most max_answer_tokens: " + answer.generatedTokens());
    }

    @Test
    void aSavedStudentAndASerialisedOneAnswerAlike(@TempDir Path folder) throws Exception {
        trained.save(folder);
        GenerativeStudent loaded = FAMILY.load(folder);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(trained);
        }
        GenerativeStudent copied;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copied = (GenerativeStudent) in.readObject();
        }
        for (String question : FACTS.keySet()) {
            String expected = trained.newAnswerer().answer(inputs(question)).text();
            assertEquals(expected, loaded.newAnswerer().answer(inputs(question)).text());
            assertEquals(expected, copied.newAnswerer().answer(inputs(question)).text());
        }
        assertEquals(trained.parameterCount(), loaded.parameterCount());
        assertEquals("distilled", loaded.card().kind());
        assertEquals(trained.settings(), loaded.settings());
        assertEquals(trained.settings(), copied.settings());
    }

    @Test
    void theCardRecordsTheGenerativeSettingsUnderTheirConfigKeys() {
        Map<String, Object> recorded = trained.card().settings();
        assertEquals(120, recorded.get("vocab_size"));
        assertEquals(20, recorded.get("max_answer_tokens"));
        assertEquals("greedy", recorded.get("decoding"));
        assertEquals(trained.vocabulary().size(), recorded.get("vocabulary_tokens"));
        assertEquals(false, recorded.get("init_from_teacher"));
        assertEquals(LstmFamily.NAME, trained.card().family());
    }
}
