package io.sparkdistill.student.generative;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubwordVocabularyTest {
    private static final List<String> TEXTS = List.of(
            "The refund of order ORD-1234 was approved on 2 July.",
            "Your refund was issued; it takes 5-10 business days.",
            "The order shipped on 4 July and arrives on 9 July.",
            "So 1110 - 222 = 888 students do not.\n#### 888");

    private static Map<String, Long> counts(List<String> texts) {
        Map<String, Long> counts = new HashMap<>();
        texts.forEach(t -> SubwordVocabulary.preTokens(t).forEach(p -> counts.merge(p, 1L, Long::sum)));
        return counts;
    }

    @Test
    void preTokensMarkSpacesAndSpellNumbersDigitByDigit() {
        assertEquals(List.of("So", "\u25812", "2", "2", "\u2581=", "\u25818", "8", "\u21b5", "#"),
                SubwordVocabulary.preTokens("So 222 = 88\n#"));
    }

    @Test
    void decodingAnEncodedTextGivesTheTextBackWithItsLineBreaks() {
        SubwordVocabulary vocabulary = SubwordVocabulary.learn(counts(TEXTS), 120);
        for (String text : TEXTS) {
            assertEquals(text, vocabulary.decode(vocabulary.encode(text)));
        }
    }

    @Test
    void frequentWordsBecomeOneTokenAndUnseenWordsSplitIntoKnownPieces() {
        SubwordVocabulary vocabulary = SubwordVocabulary.learn(counts(TEXTS), 200);
        assertEquals(1, vocabulary.encode(" refund").length, "a word seen twice is merged whole");
        int[] unseen = vocabulary.encode("refunder");
        assertTrue(unseen.length > 1);
        for (int id : unseen) {
            assertTrue(id != SubwordVocabulary.UNK_ID, "built from seen characters");
        }
        assertEquals("refunder", vocabulary.decode(unseen));
    }

    @Test
    void charactersNeverSeenAreUnknownAndSpecialsAreNeverDecoded() {
        SubwordVocabulary vocabulary = SubwordVocabulary.learn(counts(TEXTS), 64);
        assertArrayEquals(new int[]{SubwordVocabulary.UNK_ID}, vocabulary.encode("\u20ac"));
        int[] the = vocabulary.encode("The");
        int[] framed = new int[the.length + 2];
        framed[0] = SubwordVocabulary.SEP_ID;
        System.arraycopy(the, 0, framed, 1, the.length);
        framed[framed.length - 1] = SubwordVocabulary.EOS_ID;
        assertEquals("The", vocabulary.decode(framed));
    }

    @Test
    void learningDependsOnTheCountsOnlyAndSurvivesAJsonRoundTrip() throws Exception {
        SubwordVocabulary a = SubwordVocabulary.learn(counts(TEXTS), 100);
        SubwordVocabulary b = SubwordVocabulary.learn(new java.util.TreeMap<>(counts(TEXTS)), 100);
        assertEquals(a.tokens(), b.tokens());
        ObjectMapper json = new ObjectMapper();
        SubwordVocabulary read = json.readValue(json.writeValueAsString(a), SubwordVocabulary.class);
        assertEquals(a.tokens(), read.tokens());
        assertArrayEquals(a.encode(TEXTS.get(1)), read.encode(TEXTS.get(1)));
    }

    @Test
    void aVocabularyTooSmallForTheAlphabetSaysWhichKeyToRaise() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SubwordVocabulary.learn(counts(TEXTS), 32));
        assertTrue(e.getMessage().contains("student.generative.vocab_size"), e.getMessage());
    }
}
