package io.sparkdistill.teacher.ensemble;

import io.sparkdistill.math.Softmax;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TeacherEnsembleTest {
    private static final List<String> NLI = List.of("entailment", "neutral", "contradiction");
    private static final TeacherEnsemble A2_B1 = new TeacherEnsemble(List.of(
            new TeacherEnsemble.Member("a", 2.0), new TeacherEnsemble.Member("b", 1.0)));

    /** Logits whose softmax at temperature 1 is {@code p}. */
    private static float[] logitsOf(double... p) {
        float[] z = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            z[i] = (float) Math.log(p[i]);
        }
        return z;
    }

    @Test
    void softLabelsAreTheWeightedMeanOfTheTeachersDistributions() {
        EnsembleVote vote = A2_B1.combineLabels(Map.of(
                "a", logitsOf(0.7, 0.2, 0.1),
                "b", logitsOf(0.1, 0.3, 0.6)), NLI, 1.0);

        // (2 * [0.7, 0.2, 0.1] + 1 * [0.1, 0.3, 0.6]) / 3 = [1.5, 0.7, 0.8] / 3
        assertArrayEquals(new float[]{0.5f, 0.7f / 3, 0.8f / 3}, vote.probabilities(), 1e-6f);
        assertEquals("entailment", vote.answer());
        assertEquals(Map.of("a", "entailment", "b", "contradiction"), vote.votes());
        assertEquals(1.0 / 3, vote.disagreement(), 1e-12, "b, a third of the weight, votes otherwise");
        assertEquals(2, vote.answered());
        assertNull(vote.chosenMember());
    }

    @Test
    void everyTeacherIsSoftenedAtTheDistillationTemperatureBeforeAveraging() {
        EnsembleVote vote = A2_B1.combineLabels(Map.of(
                "a", new float[]{2f, 0f},
                "b", new float[]{0f, 4f}), List.of("yes", "no"), 2.0);

        // a at T = 2: softmax([1, 0]) = [0.731059, 0.268941]; b: softmax([0, 2]) = [0.119203, 0.880797]
        double yes = (2 * 0.7310586 + 0.1192029) / 3;
        assertArrayEquals(new float[]{(float) yes, (float) (1 - yes)}, vote.probabilities(), 1e-6f);
        assertEquals("yes", vote.answer());
        assertEquals(1.0 / 3, vote.disagreement(), 1e-12);
    }

    @Test
    void theEnsemblesLogitsGiveBackItsSoftLabelsAtTheTemperatureTrainingUses() {
        EnsembleVote vote = A2_B1.combineLabels(Map.of(
                "a", new float[]{3f, 1f, -2f},
                "b", new float[]{0f, 2f, 1f}), NLI, 2.0);

        assertArrayEquals(vote.probabilities(), Softmax.of(vote.logits(), 2.0), 1e-6f);
    }

    @Test
    void teachersThatAgreeHaveNoDisagreement() {
        EnsembleVote vote = A2_B1.combineLabels(Map.of(
                "a", logitsOf(0.2, 0.5, 0.3),
                "b", logitsOf(0.1, 0.8, 0.1)), NLI, 1.0);

        assertEquals("neutral", vote.answer());
        assertEquals(0.0, vote.disagreement());
    }

    @Test
    void anExampleOnlySomeTeachersAnsweredIsCombinedFromThoseThatDid() {
        EnsembleVote vote = A2_B1.combineLabels(Map.of("b", logitsOf(0.1, 0.3, 0.6)), NLI, 1.0);

        assertArrayEquals(new float[]{0.1f, 0.3f, 0.6f}, vote.probabilities(), 1e-6f);
        assertEquals("contradiction", vote.answer());
        assertEquals(1, vote.answered());
        assertEquals(Map.of("b", "contradiction"), vote.votes());
        assertEquals(0.0, vote.disagreement());
    }

    @Test
    void aTextAnswerComesFromTheHeaviestTeacherThatAnswered() {
        TeacherEnsemble ensemble = new TeacherEnsemble(List.of(new TeacherEnsemble.Member("small", 1.0),
                new TeacherEnsemble.Member("large", 3.0), new TeacherEnsemble.Member("other", 1.0)));

        EnsembleVote vote = ensemble.combineTexts(Map.of("small", "Paris.", "large", " paris", "other", "Lyon"));

        assertEquals(" paris", vote.answer());
        assertEquals("large", vote.chosenMember());
        assertEquals(vote.votes().get("small"), vote.votes().get("large"), "the same answer once normalised");
        assertEquals(0.2, vote.disagreement(), 1e-12, "only 'other' (weight 1 of 5) differs");
        assertEquals(3, vote.answered());
        assertNull(vote.probabilities());

        EnsembleVote without = ensemble.combineTexts(Map.of("small", "Paris.", "other", "Lyon"));
        assertEquals("small", without.chosenMember(), "equal weights: the first listed");
        assertEquals(0.5, without.disagreement(), 1e-12);
    }

    @Test
    void answerKeysIgnoreCaseSpacesAndAFinalFullStopOnly() {
        assertEquals(TeacherEnsemble.answerKey("The  answer is 42."), TeacherEnsemble.answerKey("the answer is 42"));
        assertNotEquals(TeacherEnsemble.answerKey("42"), TeacherEnsemble.answerKey("43"));
        assertTrue(TeacherEnsemble.answerKey("x").matches("[0-9a-f]{12}"));
    }

    @Test
    void badMembersAndAnswersAreRefusedWithTheReason() {
        assertThrows(IllegalArgumentException.class, () -> new TeacherEnsemble(List.of(
                new TeacherEnsemble.Member("a", 1), new TeacherEnsemble.Member("a", 2))));
        assertThrows(IllegalArgumentException.class, () -> new TeacherEnsemble.Member("a", 0));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> A2_B1.combineTexts(Map.of("c", "x")));
        assertTrue(unknown.getMessage().contains("c is not a member"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> A2_B1.combineTexts(Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> A2_B1.combineLabels(Map.of("a", new float[]{1f, 2f}), NLI, 1.0));
    }
}
