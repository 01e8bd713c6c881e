package io.sparkdistill.evaluate.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

    private static List<String> split(String text) {
        return SentenceSplitter.sentences(text);
    }

    @Test
    void endsASentenceAtAPeriodQuestionOrExclamationMarkBeforeTheNextWord() {
        assertEquals(List.of("It rained.", "Did it stop?", "Yes!", "We went out."),
                split("It rained. Did it stop? Yes! We went out."));
    }

    @Test
    void keepsTitlesBeforeNamesInTheirSentence() {
        assertEquals(List.of("Dr. Tanaka met Mr. Rossi and Mrs. Okafor on St. Mark's Square.", "They talked."),
                split("Dr. Tanaka met Mr. Rossi and Mrs. Okafor on St. Mark's Square. They talked."));
    }

    @Test
    void keepsDottedInitialismsAndInitialsInTheirSentence() {
        assertEquals(List.of("Bring fruit, e.g. apples, i.e. something sweet.",
                        "The U.S. team and J. K. Rowling came."),
                split("Bring fruit, e.g. apples, i.e. something sweet. The U.S. team and J. K. Rowling came."));
    }

    @Test
    void neverSplitsADecimalNumberOrAnAddress() {
        assertEquals(List.of("The price rose 3.5% to $12.40 at 9 a.m. on example.com today.", "Sales fell."),
                split("The price rose 3.5% to $12.40 at 9 a.m. on example.com today. Sales fell."));
    }

    @Test
    void keepsAClosingQuoteWithItsSentence() {
        assertEquals(List.of("She said: \"We will build it.\"", "The vote passed."),
                split("She said: \"We will build it.\" The vote passed."));
        assertEquals(List.of("(It was late.)", "\u201cReally?\u201d", "Yes."),
                split("(It was late.) \u201cReally?\u201d Yes."));
    }

    @Test
    void goesOnWhenTheNextWordIsLowerCase() {
        assertEquals(List.of("\"Wait!\" she said, and waited... and left."),
                split("\"Wait!\" she said, and waited... and left."));
    }

    @Test
    void treatsARunOfMarksAsOneEnding() {
        assertEquals(List.of("What?!", "No way...", "Fine."), split("What?! No way... Fine."));
    }

    @Test
    void endsASentenceAtABlankLineEvenWithoutPunctuation() {
        assertEquals(List.of("Meeting notes", "Attendees: four", "All agreed."),
                split("Meeting notes\n\nAttendees: four\n \nAll agreed."));
        assertEquals(List.of("One line\ncontinues here."), split("One line\ncontinues here."));
    }

    @Test
    void returnsTheLastSentenceWithoutFinalPunctuationAndNothingForBlankText() {
        assertEquals(List.of("First.", "Then second"), split("  First. Then second  "));
        assertEquals(List.of(), split(" \n "));
    }

    @Test
    void endsASentenceAfterANumber() {
        assertEquals(List.of("The vote was 20 to 8.", "It passed."), split("The vote was 20 to 8. It passed."));
    }
}
