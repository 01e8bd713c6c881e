package io.sparkdistill.student.summary;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The splitter cuts where sentences end, and nowhere a point, quote or question mark only looks like an end. */
class SentenceSplitterTest {
    private final SentenceSplitter splitter = new SentenceSplitter();

    @Test
    void sentencesEndAtPointsQuestionAndExclamationMarksBeforeACapital() {
        assertEquals(List.of("The council met.", "Was it late?", "Yes!", "It ended at 9."),
                splitter.split("The council met. Was it late? Yes! It ended at 9."));
    }

    @Test
    void decimalNumbersAndAddressesAreNotCut() {
        assertEquals(List.of("It costs 32.7 million euros, up 3.5% on example.com.", "Work starts soon."),
                splitter.split("It costs 32.7 million euros, up 3.5% on example.com. Work starts soon."));
    }

    @Test
    void abbreviationsInitialsAndAcronymsDoNotEndASentence() {
        assertEquals(List.of("Dr. Smith met Mrs. J. K. Jones of Acme Inc. in the U.S. Army base.",
                        "They spoke about approx. 20 items, e.g. roads, at No. 5 Main St. Later they left."),
                splitter.split("Dr. Smith met Mrs. J. K. Jones of Acme Inc. in the U.S. Army base. "
                        + "They spoke about approx. 20 items, e.g. roads, at No. 5 Main St. Later they left."));
    }

    @Test
    void aWordThatIsAlsoAnAbbreviationEndsASentenceUnlessANumberFollows() {
        assertEquals(List.of("She said no.", "Then she sat.", "Item no. 4 was sold."),
                splitter.split("She said no. Then she sat. Item no. 4 was sold."));
    }

    @Test
    void quotedSentencesKeepTheirClosingQuoteAndAQuotedQuestionBeforeLowerCaseGoesOn() {
        assertEquals(List.of("\"This is an investment,\" said Olga.", "\"Is it safe?\" she asked.",
                        "He replied: \"Yes.\"", "(The vote was close.)", "It passed."),
                splitter.split("\"This is an investment,\" said Olga. \"Is it safe?\" she asked. "
                        + "He replied: \"Yes.\" (The vote was close.) It passed."));
    }

    @Test
    void curlyQuotesAndEllipsesAreReadLikeStraightOnes() {
        assertEquals(List.of("\u201cWe will wait\u2026\u201d", "The rest\u2026 came later."),
                splitter.split("\u201cWe will wait\u2026\u201d The rest\u2026 came later."));
    }

    @Test
    void aBlankLineEndsASentenceWithoutPunctuationAndALineBreakAloneDoesNot() {
        assertEquals(List.of("Minutes of the meeting", "Present: Ana,\nBo and Cy.", "Decisions follow"),
                splitter.split("Minutes of the meeting\n\nPresent: Ana,\nBo and Cy. Decisions follow"));
    }

    @Test
    void blankOrMissingTextHasNoSentence() {
        assertEquals(List.of(), splitter.split("  \n "));
        assertEquals(List.of(), splitter.split(null));
    }
}
