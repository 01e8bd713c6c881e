package io.sparkdistill.student;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdistill.config.StudentArchitecture;
import io.sparkdistill.config.StudentConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a label student's forward pass costs per example, counted from the example: the automatic recipe orders the
 * families by it. Character n-grams make fastText the costlier family on long texts and the cheaper one without them.
 */
class StudentForwardCostTest {
    private static final String SHORT = "refund my order";
    private static final String LONG = ("the committee recommends that the appropriations for the coming fiscal year "
            + "be reduced by a sum sufficient to restore the balance of the treasury ").repeat(4);
    private static final WordVocabulary WORDS = vocabulary(LONG + SHORT);

    private static WordVocabulary vocabulary(String text) {
        Map<String, Long> counts = new HashMap<>();
        WordVocabulary.tokens(text).forEach(w -> counts.merge(w, 1L, Long::sum));
        return WordVocabulary.mostFrequent(counts, 100);
    }

    private static long cost(StudentConfig config, String text) {
        return new StudentBlueprint(config, WORDS).multiplyAdds(List.of(text), 5);
    }

    @Test
    void fastTextAddsOneRowPerFeatureOccurrenceThenTheOutputLayer() {
        StudentConfig fastText = StudentConfig.fastText(8192, 64, 2, 5);
        int occurrences = new HashingFeaturizer(8192, 2, 5).occurrences(List.of(LONG)).length;
        assertEquals(occurrences * 64L + 64 * 5, cost(fastText, LONG));
        assertTrue(occurrences > 20 * WordVocabulary.tokens(LONG).size() / 2, "mostly character n-grams");
    }

    @Test
    void theCnnIsTheCheaperFamilyOnLongTextsWhenFastTextHashesCharacterNgrams() {
        StudentConfig cnn = StudentConfig.cnn(64, 128, 3, 64, 100);
        assertEquals(64L * 3 * 128 + 128 * 5, cost(cnn, LONG), "64 words read, three folded rows of 128 each");
        assertEquals(3L * 3 * 128 + 128 * 5, cost(cnn, SHORT));
        assertTrue(cost(StudentConfig.fastText(8192, 64, 2, 5), LONG) > cost(cnn, LONG));
        assertTrue(cost(StudentConfig.fastText(8192, 64, 2, 0), LONG) < cost(cnn, LONG), "words and pairs only");
        StudentConfig bilstm = cnn.withArchitecture(StudentArchitecture.BILSTM);
        assertTrue(cost(bilstm, SHORT) > 10 * cost(StudentConfig.fastText(8192, 64, 2, 5), LONG),
                "an LSTM step per position each way, padding included");
    }
}
