package io.sparkdistill.student.generative;

import io.sparkdistill.config.GenerativeStudentConfig;
import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.student.text.FamilySettings;
import io.sparkdistill.student.text.TextExample;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With {@code student.init_from_teacher}, the LSTM's embedding starts from the teacher's word vectors: the rows of
 * the subwords the teacher knows change, the specials keep their random rows, and subwords spelling the same word
 * (with and without a space before it) start alike.
 */
class TeacherEmbeddingTest {
    private static final LstmFamily FAMILY = new LstmFamily(StudentPrompt::summarisation, true);
    private static final List<TextExample> EXAMPLES = List.of(
            TextExample.of(Map.of("document", "The river flooded the town after heavy rain."), "rain flooded town",
                    List.of()),
            TextExample.of(Map.of("document", "The market opened a new hall for local farmers."),
                    "market opened hall", List.of()),
            TextExample.of(Map.of("document", "Farmers sold apples and pears at the market."), "market sold apples",
                    List.of()));

    private static FamilySettings settings(boolean fromTeacher) {
        return FamilyTraining.settings(new GenerativeStudentConfig(150, 24, 32, 1, 64, 16, null, null),
                new Hyperparameters(0.01, 8, 1, null, null, 5L, null, null), fromTeacher);
    }

    @Test
    void startingFromTheTeacherChangesTheRowsOfTheWordsItKnowsAndKeepsTheSpecialsRandom() {
        PreparedLstm random = FamilyTraining.prepare(FAMILY, EXAMPLES, settings(false));
        PreparedLstm taught = FamilyTraining.prepare(FAMILY, EXAMPLES, settings(true));
        assertNull(random.startingEmbedding());
        assertEquals(random.vocabulary().tokens(), taught.vocabulary().tokens());

        float[][] before = FAMILY.network(random, settings(false)).getParam(GenerativeNetwork.EMBEDDING_WEIGHTS)
                .toFloatMatrix();
        INDArray weights = FAMILY.network(taught, settings(true)).getParam(GenerativeNetwork.EMBEDDING_WEIGHTS);
        float[][] after = weights.toFloatMatrix();
        for (int special = 0; special <= SubwordVocabulary.EOS_ID; special++) {
            assertArrayEquals(before[special], after[special], "special token " + special + " keeps its row");
        }
        List<String> tokens = taught.vocabulary().tokens();
        int changed = 0;
        for (int id = SubwordVocabulary.EOS_ID + 1; id < tokens.size(); id++) {
            if (!Arrays.equals(before[id], after[id])) {
                changed++;
            }
        }
        assertTrue(changed > (tokens.size() - 4) * 0.9, changed + " of " + (tokens.size() - 4) + " rows changed");

        int spaced = tokens.indexOf(SubwordVocabulary.SPACE + "market");
        int bare = tokens.indexOf("market");
        assertTrue(spaced > 0 && bare > 0, "the vocabulary holds 'market' with and without a space before it: "
                + tokens);
        assertArrayEquals(after[spaced], after[bare], "both spell the same word");
        int town = tokens.indexOf(SubwordVocabulary.SPACE + "town");
        assertTrue(town > 0, "the vocabulary holds 'town': " + tokens);
        assertFalse(Arrays.equals(after[spaced], after[town]), "another word starts elsewhere");
    }

    @Test
    void theCardSaysTheStudentStartedFromTheTeacher() {
        PreparedLstm taught = FamilyTraining.prepare(FAMILY, EXAMPLES, settings(true));
        GenerativeStudent student = FAMILY.student(taught, FAMILY.network(taught, settings(true)),
                FamilyTraining.card("baseline", "summarisation"));
        assertEquals(true, student.card().settings().get(LstmSettings.INIT_FROM_TEACHER));
    }

    @Test
    void aSubwordStandsForTheWordItSpellsWithoutItsMarks() {
        assertEquals("market", TeacherEmbedding.word(SubwordVocabulary.SPACE + "market"));
        assertEquals("", TeacherEmbedding.word(SubwordVocabulary.NEWLINE));
    }
}
