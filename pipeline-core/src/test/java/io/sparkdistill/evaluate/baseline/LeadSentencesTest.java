package io.sparkdistill.evaluate.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sparkdistill.student.text.Answerer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeadSentencesTest {
    private static final String DOCUMENT = "Dr. Lee opened the new library on Monday. It cost 3.5 million euros. "
            + "\"It is for everyone,\" she said. Critics disagreed. The vote was close.";

    private static String lead(int k, String document) {
        return new LeadSentences(k).fit(List.of()).answer(Map.of("document", document)).text();
    }

    @Test
    void leadThreeAnswersTheDocumentsFirstThreeSentences() {
        assertEquals("Dr. Lee opened the new library on Monday. It cost 3.5 million euros. \"It is for everyone,\" "
                + "she said.", lead(3, DOCUMENT));
    }

    @Test
    void leadOneAnswersTheFirstSentenceOnly() {
        assertEquals("Dr. Lee opened the new library on Monday.", lead(1, DOCUMENT));
    }

    @Test
    void aDocumentShorterThanKIsAnsweredWhole() {
        assertEquals("Short. Very short.", lead(3, "Short.  Very short."));
    }

    @Test
    void describesItselfInWordsForTheReport() {
        assertEquals("the document's first three sentences", new LeadSentences(3).description());
        assertEquals("the document's first sentence", new LeadSentences(1).description());
        assertEquals("the document's first 12 sentences", new LeadSentences(12).description());
    }

    @Test
    void keepsAtLeastOneSentenceAndNeedsTheDocument() {
        assertThrows(IllegalArgumentException.class, () -> new LeadSentences(0));
        Answerer answerer = new LeadSentences(3).fit(List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> answerer.answer(Map.of("text", DOCUMENT)));
        assertEquals("the example has no 'document' input; it has [text]", e.getMessage());
    }

    @Test
    void theFittedRuleSurvivesJavaSerialisation() throws Exception {
        Answerer copy = Serialisation.roundTrip(new LeadSentences(2).fit(List.of()));
        assertEquals("Dr. Lee opened the new library on Monday. It cost 3.5 million euros.",
                copy.answer(Map.of("document", DOCUMENT)).text());
    }
}
