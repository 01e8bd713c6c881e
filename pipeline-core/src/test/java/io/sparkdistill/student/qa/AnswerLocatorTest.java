package io.sparkdistill.student.qa;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The teacher's answer is found in the context as SQuAD's scorer would match it. */
class AnswerLocatorTest {
    private static final TextTokens CONTEXT = TextTokens.of("Fenmouth lies on the banks of the Liss River. "
            + "It was founded in 1531 as a trading post. Its mayor, Grace Tanaka, was elected in 1995. "
            + "It makes window-cleaning drones.");

    private static String located(String answer, String question) {
        Optional<AnswerLocator.Span> span = AnswerLocator.locate(CONTEXT,
                TextTokens.of(question).words(), answer);
        return span.map(s -> CONTEXT.span(s.first(), s.last())).orElse(null);
    }

    @Test
    void theAnswerIsFoundWhateverItsCase() {
        assertEquals("Grace Tanaka", located("grace TANAKA", "Who is the mayor?"));
    }

    @Test
    void anArticleTheAnswerHasOrLacksDoesNotMatterButItsOwnLengthIsPreferred() {
        assertEquals("the Liss River", located("the Liss River", "Which river?"));
        assertEquals("Liss River", located("Liss River", "Which river?"));
        assertEquals("trading post", located("trading post", "What was it founded as?"));
        assertEquals("a trading post", located("A trading post", "What was it founded as?"));
    }

    @Test
    void punctuationAndWhitespaceInTheAnswerDoNotMatter() {
        assertEquals("Grace Tanaka", located("  Grace   Tanaka. ", "Who is the mayor?"));
        assertEquals("1531", located("\"1531\"", "When was it founded?"));
        assertEquals("window-cleaning drones", located("window cleaning drones", "What does it make?"));
    }

    @Test
    void ofSeveralOccurrencesTheOneInTheSentenceNearestTheQuestionIsChosen() {
        TextTokens context = TextTokens.of("It opened in 1995. Grace Tanaka was elected in 1995.");
        AnswerLocator.Span span = AnswerLocator.locate(context,
                TextTokens.of("When was Grace Tanaka elected?").words(), "1995").orElseThrow();
        assertEquals(9, span.first(), "the second 1995, in the sentence about the election");
    }

    @Test
    void anAnswerNotInTheContextIsNotFound() {
        assertTrue(AnswerLocator.locate(CONTEXT, List.of("when"), "1532").isEmpty());
        assertTrue(AnswerLocator.locate(CONTEXT, List.of("when"), "in the year 1531").isEmpty());
        assertTrue(AnswerLocator.locate(CONTEXT, List.of("what"), "the").isEmpty(), "nothing left once normalised");
        assertTrue(AnswerLocator.locate(CONTEXT, List.of("who"), "Tanak").isEmpty(), "part of a word is no match");
    }
}
