package io.sparkdistill.teacher.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.teacher.api.TeacherCallException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every recorded provider response in {@code shared/fixtures/providers/}, served by a loopback server with its
 * recorded status, headers and body, read through the real client.
 */
class ProviderFixturesTest {
    @TempDir
    Path dir;

    /** Serves the fixture (then repeats it) and calls the client once. */
    private ChatResult call(String fixture) throws Exception {
        try (LoopbackServer server = new LoopbackServer(ProviderFixture.load(fixture).reply())) {
            EndpointConfig endpoint = TestClients.openAi(server, dir, Duration.ofSeconds(5), 2);
            ChatResult result = TestClients.recordingSleeps().client(endpoint, TestClients.FAST_RETRIES)
                    .complete(TestClients.hello());
            for (LoopbackServer.Received r : server.received()) {
                assertFalse(new ObjectMapper().readTree(r.body()).has("stream"),
                        "a non-streaming client must never ask for a stream");
            }
            assertEquals(result.attempts(), server.received().size());
            return result;
        }
    }

    private static ChatResponse.Choice onlyChoice(ChatResult result) {
        assertTrue(result.succeeded(), () -> "expected success, got " + result.failure());
        assertEquals(1, result.response().choices().size());
        return result.response().choices().get(0);
    }

    @Test
    void everyFixtureInTheSharedSetIsExercisedByThisClass() throws Exception {
        Set<String> tested = new TreeSet<>(List.of(
                "deepseek_reasoner_chat.json", "deepseek_reasoner_stream.json",
                "gemini_openai_compat_tool_call_empty_id.json", "groq_stream_x_groq_usage.json", "ollama_chat.json",
                "ollama_chat_reasoning_field.json", "openai_chat_basic.json", "openai_chat_finish_length.json",
                "openai_chat_logprobs.json", "openai_chat_n3_choices.json", "openai_chat_parallel_tool_calls.json",
                "openai_chat_refusal_null_content.json", "openai_chat_stream_logprobs_usage.json",
                "openai_chat_with_ratelimit_headers.json", "openai_error_400_invalid_request.json",
                "openai_error_401_invalid_api_key.json", "openai_error_429_rate_limit.json",
                "openrouter_error_429_numeric_code.json"));
        assertEquals(new TreeSet<>(ProviderFixture.allNames().toList()), tested,
                "a fixture was added or removed: give it a test here");
    }

    @Test
    void deepSeekReasonerKeepsTheReasoningApartFromTheAnswer() throws Exception {
        ChatResult result = call("deepseek_reasoner_chat.json");
        ChatResponse.Choice choice = onlyChoice(result);
        assertTrue(choice.content().startsWith("Crossing the street safely"));
        assertTrue(choice.reasoning().startsWith("Okay, the user is asking how to cross the street."));
        assertEquals("stop", choice.finishReason());
        assertEquals("181d9669-2b3a-445e-bd13-2ebff2c378f6", result.response().id());
        assertEquals(12, result.promptTokens());
        assertEquals(789, result.completionTokens());
    }

    @Test
    void deepSeekStreamIsAssembledWithReasoningEmojiAndUsageOnTheFinishChunk() throws Exception {
        ChatResult result = call("deepseek_reasoner_stream.json");
        ChatResponse.Choice choice = onlyChoice(result);
        assertEquals("Hello there! \uD83D\uDE0A How can I help you today?", choice.content());
        assertTrue(choice.reasoning().startsWith("Hmm, the user just said \"Hello\"."));
        assertEquals(882, choice.reasoning().length());
        assertEquals("stop", choice.finishReason());
        assertEquals(new ChatResponse.Usage(6, 212, 218), result.response().usage());
        assertEquals("deepseek-reasoner", result.response().model());
    }

    @Test
    void geminiToolCallWithoutContentKeyAndTotalAboveTheSumIsReadAsSent() throws Exception {
        ChatResult result = call("gemini_openai_compat_tool_call_empty_id.json");
        ChatResponse.Choice choice = onlyChoice(result);
        assertNull(choice.content());
        assertEquals("tool_calls", choice.finishReason());
        assertEquals(new ChatResponse.Usage(35, 12, 109), result.response().usage());
        assertEquals("3SE-aKjdCcCEz7IPxpqjCA", result.response().id());
    }

    @Test
    void groqStreamTakesItsUsageFromTheXGroqObject() throws Exception {
        ChatResult result = call("groq_stream_x_groq_usage.json");
        ChatResponse.Choice choice = onlyChoice(result);
        assertEquals("Hello! It's nice to meet you. Is there something I can help you with or would you like to chat?",
                choice.content());
        assertEquals("stop", choice.finishReason());
        assertEquals(new ChatResponse.Usage(12, 24, 36), result.response().usage());
    }

    @Test
    void ollamaReportingZeroPromptTokensIsAcceptedAsZero() throws Exception {
        ChatResult result = call("ollama_chat.json");
        ChatResponse.Choice choice = onlyChoice(result);
        assertTrue(choice.content().startsWith("Hello! It's nice to meet you."));
        assertTrue(choice.logprobs().isEmpty());
        assertEquals(0, result.promptTokens());
        assertEquals(26, result.completionTokens());
        assertEquals("chatcmpl-106", result.response().id());
    }

    @Test
    void ollamaReasoningFieldIsReadLikeDeepSeeksReasoningContent() throws Exception {
        ChatResponse.Choice choice = onlyChoice(call("ollama_chat_reasoning_field.json"));
        assertEquals("{ \"city\": \"Paris\", \"country\": \"France\" }", choice.content());
        assertTrue(choice.reasoning().startsWith("Okay, the user is asking for the capital of France."));
    }

    @Test
    void openAiBasicResponseIgnoresAnnotationsServiceTierAndTokenDetails() throws Exception {
        ChatResult result = call("openai_chat_basic.json");
        ChatResponse.Choice choice = onlyChoice(result);
        assertTrue(choice.content().startsWith("The image shows a wooden boardwalk"));
        assertNull(choice.refusal());
        assertNull(choice.reasoning());
        assertEquals(1117, result.promptTokens());
        assertEquals(46, result.completionTokens());
        assertEquals("gpt-4o-2024-08-06", result.response().model());
    }

    @Test
    void truncatedOutputIsASuccessThatSaysLengthNotAnError() throws Exception {
        ChatResult result = call("openai_chat_finish_length.json");
        ChatResponse.Choice choice = onlyChoice(result);
        assertEquals(1, result.attempts());
        assertEquals("{\"", choice.content());
        assertTrue(choice.truncated());
        assertEquals(1, result.completionTokens());
    }

    @Test
    void logprobsKeepEveryTokenWithItsAlternativesIncludingExponentNotation() throws Exception {
        ChatResponse.Choice choice = onlyChoice(call("openai_chat_logprobs.json"));
        assertEquals(9, choice.logprobs().size());
        ChatResponse.TokenLogprob first = choice.logprobs().get(0);
        assertEquals("Hello", first.token());
        assertEquals(-0.31725305, first.logprob(), 1e-12);
        assertEquals(List.of(new ChatResponse.TopLogprob("Hello", -0.31725305),
                new ChatResponse.TopLogprob("Hi", -1.3190403)), first.top());
        assertEquals(-3.7697225e-6, choice.logprobs().get(4).logprob(), 1e-15);
        assertEquals("<|end|>", choice.logprobs().get(2).top().get(1).token());
    }

    @Test
    void severalChoicesAreKeptInIndexOrderWithOneUsage() throws Exception {
        ChatResult result = call("openai_chat_n3_choices.json");
        List<ChatResponse.Choice> choices = result.response().choices();
        assertEquals(3, choices.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(i, choices.get(i).index());
            assertEquals("stop", choices.get(i).finishReason());
        }
        assertTrue(choices.get(2).content().contains("63.0"));
        assertEquals(44, result.completionTokens());
    }

    @Test
    void parallelToolCallsLeaveContentNullWithoutFailing() throws Exception {
        ChatResponse.Choice choice = onlyChoice(call("openai_chat_parallel_tool_calls.json"));
        assertNull(choice.content());
        assertEquals("tool_calls", choice.finishReason());
    }

    @Test
    void refusalWithNullContentIsReportedAsARefusal() throws Exception {
        ChatResponse.Choice choice = onlyChoice(call("openai_chat_refusal_null_content.json"));
        assertNull(choice.content());
        assertEquals("I'm very sorry, but I can't assist with that.", choice.refusal());
        assertEquals("stop", choice.finishReason());
    }

    @Test
    void openAiStreamWithAUsageOnlyChunkWithEmptyChoicesIsAssembled() throws Exception {
        ChatResult result = call("openai_chat_stream_logprobs_usage.json");
        ChatResponse.Choice choice = onlyChoice(result);
        assertEquals("Foo!", choice.content());
        assertEquals(List.of("Foo", "!"), choice.logprobs().stream().map(ChatResponse.TokenLogprob::token).toList());
        assertEquals(-0.0025094282, choice.logprobs().get(0).logprob(), 1e-12);
        assertEquals("stop", choice.finishReason());
        assertEquals(new ChatResponse.Usage(9, 2, 11), result.response().usage());
    }

    @Test
    void successWithRateLimitHeadersAndTheOlderBodyShapeIsParsed() throws Exception {
        ChatResult result = call("openai_chat_with_ratelimit_headers.json");
        ChatResponse.Choice choice = onlyChoice(result);
        assertEquals("Hi there! How can I assist you today?", choice.content());
        assertTrue(choice.logprobs().isEmpty());
        assertEquals(9, result.promptTokens());
    }

    @Test
    void invalidRequestIsNotRetriedAndKeepsTheProvidersCodeAndMessage() throws Exception {
        ChatResult result = call("openai_error_400_invalid_request.json");
        assertEquals(1, result.attempts());
        ChatResult.Failure failure = result.failure();
        assertEquals(Kind.INVALID_REQUEST, failure.kind());
        assertEquals(400, failure.status());
        assertEquals("invalid_type", failure.providerCode());
        assertTrue(failure.message().contains("Invalid type for 'messages[0]'"), failure.message());
    }

    @Test
    void invalidApiKeyIsAnAuthenticationFailureNotRetried() throws Exception {
        ChatResult result = call("openai_error_401_invalid_api_key.json");
        assertEquals(1, result.attempts());
        assertEquals(Kind.AUTHENTICATION, result.failure().kind());
        assertEquals("invalid_api_key", result.failure().providerCode());
        assertFalse(result.failure().message().contains(TestClients.KEY));
    }

    @Test
    void requestTooLargeFor429IsNotRetriedBecauseNoWaitCanFixIt() throws Exception {
        ChatResult result = call("openai_error_429_rate_limit.json");
        assertEquals(1, result.attempts());
        assertEquals(Kind.REQUEST_TOO_LARGE, result.failure().kind());
        assertEquals(429, result.failure().status());
        assertEquals("rate_limit_exceeded", result.failure().providerCode());
    }

    @Test
    void openRouter429WithAnIntegerCodeIsRetriedAndKeepsTheUpstreamText() throws Exception {
        ChatResult result = call("openrouter_error_429_numeric_code.json");
        assertEquals(TestClients.FAST_RETRIES.maxAttempts(), result.attempts());
        ChatResult.Failure failure = result.failure();
        assertEquals(Kind.RATE_LIMITED, failure.kind());
        assertEquals("429", failure.providerCode());
        assertTrue(failure.message().contains("temporarily rate-limited upstream"), failure.message());
    }
}
