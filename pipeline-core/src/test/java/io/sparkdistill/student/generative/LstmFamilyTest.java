package io.sparkdistill.student.generative;

import io.sparkdistill.config.Decoding;
import io.sparkdistill.config.GenerativeStudentConfig;
import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.student.text.Answerer;
import io.sparkdistill.student.text.FamilySettings;
import io.sparkdistill.student.text.TextExample;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The LSTM family, driven as the train stage drives every family, learns a small data set well enough to answer
 * requests worded in ways it never saw; it learns every answer an example gives and skips examples with none.
 */
class LstmFamilyTest {
    private static final LstmFamily FAMILY = new LstmFamily(StudentPrompt::math, false);
    private static final Map<String, String> REPLIES = Map.of(
            "refund", "your refund is on its way",
            "password", "reset it from the login page",
            "parcel", "it arrives tomorrow morning");
    private static final List<String> GREETINGS = List.of("hi,", "hello,", "good morning,", "hey there,",
            "excuse me,");
    private static final List<String> ASKS = List.of("I need help with my", "what is happening with my",
            "can you check my", "I am worried about my");

    private static TextExample request(String greeting, String ask, String topic) {
        return TextExample.of(Map.of("question", greeting + " " + ask + " " + topic + "?"), REPLIES.get(topic),
                List.of(REPLIES.get(topic)));
    }

    @Test
    void theFamilyLearnsFromItsMinibatchesAndAnswersRequestsWordedAsNeverBefore() {
        List<TextExample> train = new ArrayList<>();
        List<TextExample> heldOut = new ArrayList<>();
        for (int g = 0; g < GREETINGS.size(); g++) {
            for (int a = 0; a < ASKS.size(); a++) {
                boolean unseenWording = g == GREETINGS.size() - 1 || a == ASKS.size() - 1;
                for (String topic : REPLIES.keySet()) {
                    (unseenWording ? heldOut : train).add(request(GREETINGS.get(g), ASKS.get(a), topic));
                }
            }
        }
        FamilySettings settings = FamilyTraining.settings(new GenerativeStudentConfig(200, 16, 48, 1, 32, 12,
                Decoding.GREEDY, 2), new Hyperparameters(0.03, train.size(), 1, null, null, 3L, null,
                null), false);
        GenerativeStudent student = FamilyTraining.train(FAMILY, train, settings, 40, "math");

        Answerer answerer = student.newAnswerer();
        long right = heldOut.stream().filter(e -> answerer.answer(e.inputs()).text().equals(e.target())).count();
        // writing one of the three replies at random would be right a third of the time
        assertTrue(right >= heldOut.size() * 0.9, right + " of " + heldOut.size() + " held-out requests answered");
        TextExample seen = train.get(0);
        assertEquals(seen.target(), answerer.answer(seen.inputs()).text());
        assertEquals(student.vocabulary().encode(seen.target()).length + 1,
                answerer.answer(seen.inputs()).generatedTokens(), "the tokens written, the end included");
    }

    @Test
    void everyDistinctAnswerOfAnExampleIsCountedAndLearnt() {
        TextExample twoAnswers = new TextExample(Map.of("question", "where is my parcel?"), "it arrives tomorrow",
                List.of("it arrives tomorrow", "tomorrow", "it arrives tomorrow"), List.of());
        List<String> keys = FAMILY.countedKeys(twoAnswers);
        assertEquals(SubwordVocabulary.preTokens("question: where is my parcel?").size() + 3 + 1, keys.size(),
                "the prompt's pre-tokens, then each distinct answer's");

        FamilySettings settings = FamilyTraining.settings(GenerativeStudentConfig.defaults(),
                Hyperparameters.defaults(), false);
        PreparedLstm prepared = FamilyTraining.prepare(FAMILY, List.of(twoAnswers), settings);
        List<MultiDataSet> batches = new ArrayList<>();
        FAMILY.batches(prepared, List.of(twoAnswers).iterator(), 8).forEachRemaining(batches::add);
        assertEquals(1, batches.size());
        assertEquals(2, batches.get(0).getFeatures(0).size(0), "one sequence per distinct answer");
    }

    @Test
    void anExampleWithNothingToWriteIsUnusableAndLeftOutOfTheBatches() {
        TextExample blank = TextExample.of(Map.of("question", "anything?"), "  ", List.of());
        TextExample usable = TextExample.of(Map.of("question", "anything?"), "yes", List.of());
        FamilySettings settings = FamilyTraining.settings(GenerativeStudentConfig.defaults(),
                Hyperparameters.defaults(), false);
        PreparedLstm prepared = FamilyTraining.prepare(FAMILY, List.of(blank, usable), settings);
        assertTrue(FAMILY.unusable(prepared, blank).isPresent());
        assertTrue(FAMILY.unusable(prepared, usable).isEmpty());
        List<MultiDataSet> batches = new ArrayList<>();
        FAMILY.batches(prepared, List.of(blank, usable).iterator(), 8).forEachRemaining(batches::add);
        assertEquals(1, batches.get(0).getFeatures(0).size(0));
    }

    @Test
    void theFamilyTravelsWithItsPromptRenderer() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new LstmFamily(StudentPrompt::summarisation, true));
        }
        LstmFamily copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (LstmFamily) in.readObject();
        }
        assertEquals("lstm", copy.name());
        assertEquals(SubwordVocabulary.preTokens("document: Rain fell."),
                copy.countedKeys(TextExample.of(Map.of("document", "Rain fell."), "", List.of())));
    }
}
