package io.sparkdistill.student.summary;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The summary quotes the sentences scored as adding something, in document order, within the word limit, cut at
 * the word budget.
 */
class SummarySelectorTest {
    private static final SummarySelector UNCUT = new SummarySelector(100, WordBudget.NONE, Set.of(), OpeningCut.NONE);
    private static final List<String> SENTENCES = List.of("One two three.", "Four five.", "Six seven eight nine.",
            "Ten.");
    private static final int[] WORDS = {3, 2, 4, 1};

    @Test
    void sentencesScoredAsAddingSomethingAreQuotedInDocumentOrder() {
        assertEquals("Four five. Six seven eight nine.",
                UNCUT.summary(SENTENCES, WORDS, new float[]{0.01f, 0.3f, 0.9f, 0.02f}));
    }

    @Test
    void theBestSentenceIsQuotedEvenWhenNoSentenceLooksUseful() {
        assertEquals("Ten.",
                UNCUT.summary(SENTENCES, WORDS, new float[]{0.01f, 0f, 0f, 0.02f}));
    }

    @Test
    void aSentenceThatWouldPassTheWordLimitIsLeftOutButAShorterOneStillFits() {
        assertEquals("Four five. Ten.",
                new SummarySelector(3, WordBudget.NONE, Set.of(), OpeningCut.NONE)
                        .summary(SENTENCES, WORDS, new float[]{0.5f, 0.9f, 0.8f, 0.2f}));
    }

    @Test
    void theLearntDroppableClausesAreLeftOutOfTheQuotedSentences() {
        List<String> sentences = List.of("Action item: Ana will write the report by Friday.", "It rained.");
        assertEquals("Ana will write the report by Friday.",
                new SummarySelector(100, WordBudget.NONE, Set.of("lead:action"), OpeningCut.NONE)
                .summary(sentences, new int[]{9, 2}, new float[]{0.9f, 0.01f}));
    }

    @Test
    void aDocumentWithoutSentencesHasAnEmptySummary() {
        assertEquals("", new SummarySelector(10, WordBudget.NONE, Set.of(), OpeningCut.NONE)
                .summary(List.of(), new int[0], new float[0]));
    }

    @Test
    void theChosenSentencesInDocumentOrderAreCutAfterTheWordBudget() {
        assertEquals("Four five. Six seven", new SummarySelector(100, 4, Set.of(), OpeningCut.NONE)
                .summary(SENTENCES, WORDS, new float[]{0.01f, 0.3f, 0.9f, 0.02f}));
    }
}
