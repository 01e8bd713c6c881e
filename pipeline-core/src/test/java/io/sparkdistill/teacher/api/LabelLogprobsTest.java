package io.sparkdistill.teacher.api;

import io.sparkdistill.teacher.TeacherAnswer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelLogprobsTest {
    private static final LabelLogprobs NLI =
            new LabelLogprobs(List.of("entailment", "neutral", "contradiction"));

    private static ChatResponse.Choice answer(String content, ChatResponse.TopLogprob... top) {
        List<ChatResponse.TokenLogprob> logprobs = top.length == 0 ? List.of()
                : List.of(new ChatResponse.TokenLogprob(top[0].token(), top[0].logprob(), List.of(top)));
        return new ChatResponse.Choice(0, content, null, null, "stop", 0, logprobs);
    }

    private static ChatResponse.TopLogprob top(String token, double p) {
        return new ChatResponse.TopLogprob(token, Math.log(p));
    }

    @Test
    void labelTokensAreMatchedIgnoringCaseAndTheLeadingSpaceThenRenormalised() {
        LabelLogprobs.SoftLabels soft = NLI.softLabels(answer("Entailment",
                top(" Ent", 0.6), top("neutral", 0.2), top(" CONTR", 0.1), top("The", 0.05))).orElseThrow();
        assertTrue(soft.fromLogprobs());
        assertEquals("entailment", soft.label());
        assertArrayEquals(new float[] {0.6f / 0.9f, 0.2f / 0.9f, 0.1f / 0.9f}, soft.probabilities(), 1e-6f);
    }

    @Test
    void probabilitiesOfSeveralTokensOfTheSameLabelAreSummed() {
        LabelLogprobs.SoftLabels soft = NLI.softLabels(answer("neutral",
                top("neutral", 0.3), top(" Neutral", 0.2), top("neu", 0.1), top("entail", 0.4))).orElseThrow();
        assertArrayEquals(new float[] {0.4f, 0.6f, 0f}, soft.probabilities(), 1e-6f);
        assertEquals("neutral", soft.label());
    }

    @Test
    void aTokenThatStartsTwoLabelsCountsForNeither() {
        LabelLogprobs sentiment = new LabelLogprobs(List.of("negative", "neutral", "positive"));
        LabelLogprobs.SoftLabels soft = sentiment.softLabels(answer("positive",
                top("n", 0.5), top("pos", 0.25), top("neg", 0.25))).orElseThrow();
        assertArrayEquals(new float[] {0.5f, 0f, 0.5f}, soft.probabilities(), 1e-6f);
    }

    @Test
    void afterAThinkBlockTheFirstAnswerTokenGivesTheDistributionNotTheFirstThinkingToken() {
        List<ChatResponse.TokenLogprob> tokens = List.of(
                new ChatResponse.TokenLogprob("<think>", -0.01, List.of(top("<think>", 0.99), top("neutral", 0.01))),
                new ChatResponse.TokenLogprob("Same", -0.5, List.of(top("Same", 0.6), top("entail", 0.4))),
                new ChatResponse.TokenLogprob("</think>", -0.01, List.of(top("</think>", 0.99))),
                new ChatResponse.TokenLogprob("\n\n", -0.01, List.of(top("\n\n", 0.99))),
                new ChatResponse.TokenLogprob("contr", -0.2, List.of(top("contr", 0.7), top("neutral", 0.3))));
        ChatResponse.Choice choice = new ChatResponse.Choice(0, "<think>Same</think>\n\ncontradiction", null, null,
                "stop", 0, tokens);
        LabelLogprobs.SoftLabels soft = NLI.softLabels(choice).orElseThrow();
        assertTrue(soft.fromLogprobs());
        assertArrayEquals(new float[] {0f, 0.3f, 0.7f}, soft.probabilities(), 1e-6f);
    }

    @Test
    void withoutAnyLabelAmongTheTopTokensTheAnswerTextGivesAOneHot() {
        LabelLogprobs.SoftLabels soft = NLI.softLabels(answer(" \"Contradiction.\" ",
                top("\"", 0.9), top("The", 0.1))).orElseThrow();
        assertFalse(soft.fromLogprobs());
        assertEquals("contradiction", soft.label());
        assertArrayEquals(new float[] {0f, 0f, 1f}, soft.probabilities());
    }

    @Test
    void withoutLogprobsTheAnswerTextGivesAOneHot() {
        assertArrayEquals(new float[] {0f, 1f, 0f},
                NLI.softLabels(answer("Neutral")).orElseThrow().probabilities());
    }

    @Test
    void anAnswerOutsideTheLabelSetGivesNothing() {
        assertEquals(Optional.empty(), NLI.softLabels(answer("I think it is entailed")));
        assertEquals(Optional.empty(), NLI.softLabels(answer(null)));
    }

    @Test
    void theRecordedOpenAiLogprobsGiveSoftLabelsOverAGreetingLabelSet() {
        // openai_chat_logprobs.json: first token "Hello" (-0.31725305) with alternative "Hi" (-1.3190403)
        LabelLogprobs greetings = new LabelLogprobs(List.of("hello", "hi", "goodbye"));
        ChatResponse.Choice choice = answer("Hello! How can I assist you today?",
                new ChatResponse.TopLogprob("Hello", -0.31725305), new ChatResponse.TopLogprob("Hi", -1.3190403));
        double hello = Math.exp(-0.31725305);
        double hi = Math.exp(-1.3190403);
        LabelLogprobs.SoftLabels soft = greetings.softLabels(choice).orElseThrow();
        assertArrayEquals(new float[] {(float) (hello / (hello + hi)), (float) (hi / (hello + hi)), 0f},
                soft.probabilities(), 1e-6f);
    }

    @Test
    void softLabelsBecomeATeacherAnswerWhoseLogitsSoftmaxBackToTheProbabilities() {
        LabelLogprobs.SoftLabels soft = NLI.softLabels(answer("x",
                top("entailment", 0.5), top("neutral", 0.3), top("contradiction", 0.2))).orElseThrow();
        TeacherAnswer teacher = soft.toTeacherAnswer();
        assertEquals("entailment", teacher.label());
        assertArrayEquals(soft.probabilities(), io.sparkdistill.math.Softmax.of(teacher.logits(), 1.0), 1e-6f);
    }

    @Test
    void aLabelSetWithDuplicatesIgnoringCaseIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LabelLogprobs(List.of("Yes", "yes", "no")));
        assertTrue(e.getMessage().contains("[Yes, yes, no]"), e.getMessage());
    }
}
