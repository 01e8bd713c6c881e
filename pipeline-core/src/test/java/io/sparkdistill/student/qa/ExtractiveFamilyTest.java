package io.sparkdistill.student.qa;

import io.sparkdistill.config.StudentConfig;
import io.sparkdistill.evaluate.text.SquadMetrics;
import io.sparkdistill.student.text.Answerer;
import io.sparkdistill.student.text.FamilySettings;
import io.sparkdistill.student.text.StudentCard;
import io.sparkdistill.student.text.TextExample;
import io.sparkdistill.student.text.TextStudent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The extractive family learns to point at answers in passages it has not seen, keeps its answers through saving
 * and Java serialisation (Spark's broadcast), and says which examples it cannot learn from.
 */
class ExtractiveFamilyTest {
    private static final ExtractiveFamily FAMILY = new ExtractiveFamily();
    private static List<TextExample> heldOut;
    private static TextStudent trained;

    @BeforeAll
    static void train() {
        heldOut = QaSamples.split("validation");
        trained = LocalTraining.train(QaSamples.split("train").subList(0, 100),
                LocalTraining.settings(32, 48, 0.01, 16, 8));
    }

    private static List<String> answers(TextStudent student, List<TextExample> examples) {
        Answerer answerer = student.newAnswerer();
        List<String> answers = new ArrayList<>();
        examples.forEach(example -> answers.add(answerer.answer(example.inputs()).text()));
        return answers;
    }

    private static TextExample example(String context, String question, String... answers) {
        return new TextExample(Map.of("context", context, "question", question), answers[0], List.of(answers),
                List.of(answers));
    }

    @Test
    void theFamilyLearnsASmallDataSetFarAboveChanceOnHeldOutRows() {
        List<String> answers = answers(trained, heldOut);
        double f1 = SquadMetrics.score(answers, heldOut.stream().map(TextExample::references).toList()).f1();
        System.out.printf("held-out F1 %.1f after training on 100 examples%n", f1);
        assertTrue(f1 > 70, "held-out F1 " + f1 + "; pointing at one token by chance scores under 10");
        for (int i = 0; i < heldOut.size(); i++) {
            assertTrue(heldOut.get(i).inputs().get("context").contains(answers.get(i)), "an answer is context text");
        }
    }

    @Test
    void aSavedAndLoadedStudentGivesTheSameAnswers(@TempDir Path folder) throws Exception {
        trained.save(folder);
        TextStudent loaded = FAMILY.load(folder);
        assertEquals(answers(trained, heldOut), answers(loaded, heldOut));
        assertEquals(trained.parameterCount(), loaded.parameterCount());
        StudentCard card = StudentCard.read(folder);
        assertEquals("extractive", card.family());
        assertEquals(ExtractiveSizes.CONTEXT_TOKENS, ((Number) card.settings().get("context_tokens")).intValue());
    }

    @Test
    void aJavaSerialisedStudentGivesTheSameAnswers() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(trained);
        }
        TextStudent copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (TextStudent) in.readObject();
        }
        assertEquals(answers(trained, heldOut), answers(copy, heldOut));
    }

    @Test
    void anExampleWhoseAnswerIsNotInTheContextIsUnusableAndSaysWhy() {
        ExtractiveInputs prepared = ((ExtractiveStudent) trained).inputs();
        assertEquals(Optional.of(AnswerLocator.NOT_FOUND), FAMILY.unusable(prepared,
                example("The mill opened in 1931.", "When did the mill open?", "in the thirties")));
        assertEquals(Optional.empty(), FAMILY.unusable(prepared,
                example("The mill opened in 1931.", "When did the mill open?", "the thirties", "1931")),
                "one of the teacher's answers is enough");
        ExtractiveSizes sizes = prepared.sizes();
        ExtractiveInputs shortReader = new ExtractiveInputs(prepared.vocabulary(), new ExtractiveSizes(
                sizes.vectorWidth(), sizes.filters(), sizes.kernel(), 3, sizes.maxAnswerTokens()));
        assertEquals(Optional.of("answer beyond the first 3 context tokens"), FAMILY.unusable(shortReader,
                example("The mill opened in 1931.", "When did the mill open?", "1931")));
    }

    @Test
    void batchesSkipUnusableExamplesAndMarkTheirPadding() {
        ExtractiveInputs prepared = ((ExtractiveStudent) trained).inputs();
        Iterator<MultiDataSet> batches = FAMILY.batches(prepared, List.of(
                example("The mill opened in 1931.", "When did the mill open?", "1931"),
                example("The mill opened in 1931.", "When did the mill open?", "never"),
                example("Grace Tanaka, a former engineer, leads the mill.", "Who leads the mill?", "Grace Tanaka"))
                .iterator(), 8);
        MultiDataSet batch = batches.next();
        assertFalse(batches.hasNext());
        assertEquals(2, batch.getFeatures(0).size(0), "the unusable example is skipped");
        assertEquals(8, batch.getFeatures(0).size(2), "padded to the longer passage");
        assertEquals(5.0, batch.getLabelsMaskArray(0).getRow(0).sumNumber().doubleValue(), "5 real tokens");
        assertEquals(1.0, batch.getLabels(0).getFloat(1, ExtractiveNetwork.START, 0), "Grace starts the answer");
        assertEquals(1.0, batch.getLabels(0).getFloat(1, ExtractiveNetwork.END, 1), "Tanaka ends it");
    }

    @Test
    void countedKeysAreTheExamplesDistinctWordsAndItsAnswersLengths() {
        List<String> keys = FAMILY.countedKeys(example("The mill opened in 1931. The mill closed.",
                "When did the mill open?", "in 1931", "1931"));
        assertEquals(1, keys.stream().filter("mill"::equals).count(), "a word counts once per example");
        assertTrue(keys.containsAll(List.of("when", "did", "open", ExtractiveFamily.EXAMPLE_KEY,
                ExtractiveFamily.ANSWER_TOKENS_KEY + 2, ExtractiveFamily.ANSWER_TOKENS_KEY + 1)), keys.toString());
    }

    @Test
    void theReaderLearnsTheSameVocabularyFromTheCountsItsKeyLimitsKeep() {
        Map<String, Long> counts = new HashMap<>();
        QaSamples.split("train").forEach(e -> FAMILY.countedKeys(e).forEach(k -> counts.merge(k, 1L, Long::sum)));
        FamilySettings settings = new FamilySettings(StudentConfig.cnn(32, 48, 3, null, 60),
                LocalTraining.settings(32, 48, 0.01, 16, 8).hyperparameters());
        Map<String, Long> kept = FAMILY.keyLimits(settings).cut(counts);

        ExtractiveInputs whole = FAMILY.prepare(counts, settings);
        ExtractiveInputs cut = FAMILY.prepare(kept, settings);

        assertTrue(kept.size() < counts.size() / 2, kept.size() + " of " + counts.size() + " keys kept");
        assertEquals(60, cut.vocabulary().getWords().size());
        assertEquals(whole.vocabulary().getWords(), cut.vocabulary().getWords());
        assertArrayEquals(whole.vocabulary().getDocumentFrequency(), cut.vocabulary().getDocumentFrequency());
        assertEquals(whole.vocabulary().getExamples(), cut.vocabulary().getExamples());
        assertEquals(whole.sizes(), cut.sizes(), "the longest answer is read from the # keys, all kept");
    }
}
