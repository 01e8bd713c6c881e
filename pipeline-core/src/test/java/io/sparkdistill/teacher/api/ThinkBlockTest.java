package io.sparkdistill.teacher.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ThinkBlockTest {

    @Test
    void aLeadingBlockIsSplitFromTheAnswerWhateverTheWhitespace() {
        assertEquals(new ThinkBlock("Paris is the capital.", "Paris"),
                ThinkBlock.split("\n <think>\nParis is the capital.\n</think>\n\nParis"));
    }

    @Test
    void aCloseWithoutAnOpenMeansTheTemplateOpenedTheBlock() {
        assertEquals(new ThinkBlock("Paris is the capital.", "Paris"),
                ThinkBlock.split("Paris is the capital.\n</think>\n\nParis"));
    }

    @Test
    void aBlockNeverClosedLeavesAnEmptyAnswer() {
        assertEquals(new ThinkBlock("Paris is", ""), ThinkBlock.split("<think>Paris is"));
    }

    @Test
    void contentThatOnlyMentionsTheTagsAfterSomeTextIsLeftAlone() {
        String answer = "Wrap the reasoning in <think> and </think> tags.";
        assertEquals(new ThinkBlock(null, answer), ThinkBlock.split(answer));
        assertNull(ThinkBlock.split(null).answer());
    }

    @Test
    void aChoiceKeepsBothTheSeparateReasoningAndTheBlock() {
        ChatResponse.Choice choice = new ChatResponse.Choice(0, "<think>second</think>Paris", null, "first", "stop",
                0, null);
        assertEquals("Paris", choice.content());
        assertEquals("first\nsecond", choice.reasoning());
    }
}
