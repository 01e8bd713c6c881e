package io.sparkdistill.student.qa;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Tokens keep their place in the text, so answers are the text's own characters. */
class TextTokensTest {

    @Test
    void wordsKeepInnerApostrophesAndNumbersKeepTheirPointsAndCommas() {
        TextTokens tokens = TextTokens.of("Aisha O'Neill paid 29,000 euros (3.5%) in 2024.");
        assertEquals(List.of("aisha", "o'neill", "paid", "29,000", "euros", "3.5", "in", "2024"), tokens.words());
    }

    @Test
    void aSpanIsTheTextsOwnCharactersFromItsFirstTokenToItsLast() {
        TextTokens tokens = TextTokens.of("It is a window-cleaning drone, launched in 1964.");
        assertEquals("window-cleaning drone", tokens.span(3, 5));
        assertEquals("1964", tokens.answer(8, 8), "the sentence's full stop stays out");
    }

    @Test
    void anAnswerTakesTheCurrencySignBeforeItAndThePercentSignAfterIt() {
        TextTokens tokens = TextTokens.of("It costs $529, up 12% on last year.");
        assertEquals("$529", tokens.answer(2, 2));
        assertEquals("12%", tokens.answer(4, 4));
    }

    @Test
    void sentencesEndAtAStopFollowedBySpaceButNotInsideANumber() {
        TextTokens tokens = TextTokens.of("It weighs 3.5 kg. It was made in Lyon! Why? Nobody knows");
        assertEquals(0, tokens.get(2).sentence(), "3.5");
        assertEquals(1, tokens.get(5).sentence(), "was");
        assertEquals(2, tokens.get(9).sentence(), "why");
        assertEquals(3, tokens.get(10).sentence(), "nobody");
    }

    @Test
    void eachTokenKnowsThePunctuationAroundIt() {
        TextTokens tokens = TextTokens.of("Led by Sven Whitfield, a former engineer.");
        assertEquals(',', tokens.get(3).after());
        assertEquals(',', tokens.get(4).before());
        assertEquals('.', tokens.get(6).after());
    }
}
