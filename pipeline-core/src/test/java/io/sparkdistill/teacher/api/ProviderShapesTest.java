package io.sparkdistill.teacher.api;

import io.sparkdistill.ingest.TaskType;
import io.sparkdistill.task.TaskStrategies;
import io.sparkdistill.teacher.api.TeacherCallException.Kind;
import io.sparkdistill.teacher.prompt.PromptTemplates;
import io.sparkdistill.teacher.validation.Accepted;
import io.sparkdistill.teacher.validation.OutputValidator;
import io.sparkdistill.teacher.validation.Rejected;
import io.sparkdistill.teacher.validation.RejectionReason;
import io.sparkdistill.teacher.validation.TeacherOutput;
import io.sparkdistill.teacher.validation.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Response shapes documented by OpenAI, Azure OpenAI, Azure AI model inference, vLLM, TGI, Ollama, DeepSeek (and
 * OpenRouter and Mistral, which gateways pass on) that the recorded fixtures do not show, each served by a loopback
 * server and read through the real client; where the client returns a completion, the validator's verdict on it is
 * what decides: the answer, or the named reason it is not one.
 */
class ProviderShapesTest {
    @TempDir
    Path dir;

    private static final String SSE = "text/event-stream";
    private static final String JSON = "application/json";

    private ChatResult call(LoopbackServer.Reply... replies) throws Exception {
        try (LoopbackServer server = new LoopbackServer(replies)) {
            EndpointConfig endpoint = TestClients.openAi(server, dir, Duration.ofSeconds(5), 2);
            ChatResult result = TestClients.recordingSleeps().client(endpoint, TestClients.FAST_RETRIES)
                    .complete(TestClients.hello());
            assertEquals(result.attempts(), server.received().size());
            return result;
        }
    }

    private static LoopbackServer.Reply reply(String contentType, String body) {
        return new LoopbackServer.Reply(200, Map.of("content-type", contentType), body, Duration.ZERO);
    }

    private ChatResult call(String contentType, String body) throws Exception {
        return call(reply(contentType, body));
    }

    /** A non-streamed completion with one choice whose message is {@code message}. */
    private static String completion(String message, String finishReason) {
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"m\",\"choices\":[{\"index\":0,"
                + "\"message\":" + message + ",\"finish_reason\":" + finishReason + "}]}";
    }

    private static ChatResponse.Choice onlyChoice(ChatResult result) {
        assertTrue(result.succeeded(), () -> "expected a completion, got " + result.failure());
        assertEquals(1, result.response().choices().size());
        return result.response().choices().get(0);
    }

    /** The validator's verdict on the only choice, for a free-text (qa) job. */
    private static Verdict verdict(ChatResult result) {
        ChatResponse.Choice c = onlyChoice(result);
        return new OutputValidator(TaskStrategies.of(TaskType.QA).answerParser()).validate(
                PromptTemplates.load(TaskType.QA), Map.of(), List.of(),
                new TeacherOutput(c.content(), c.finishReason(), c.refusal(), c.reasoning(), c.toolCalls()));
    }

    private static String answer(ChatResult result) {
        Verdict v = verdict(result);
        return assertInstanceOf(Accepted.class, v, () -> "expected an answer, got " + v).answer();
    }

    private static Rejected rejected(ChatResult result, RejectionReason reason) {
        Verdict v = verdict(result);
        Rejected r = assertInstanceOf(Rejected.class, v, () -> "expected " + reason + ", got " + v);
        assertEquals(reason, r.reason(), r.detail());
        return r;
    }

    private static ChatResult.Failure failure(ChatResult result, Kind kind) {
        assertFalse(result.succeeded(), () -> "expected " + kind + ", got " + result.response());
        assertEquals(kind, result.failure().kind(), result.failure().message());
        return result.failure();
    }

    // --- server-sent events ---

    @Test
    void dataWithoutTheSpaceAndDoneWithWhitespaceAroundItAreRead() throws Exception {
        ChatResult result = call(SSE, "data:{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Par\"}}]}\n\n"
                + "data:{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"is\"},\"finish_reason\":\"stop\"}]}\n\n"
                + "data:   [DONE]  \t\n\n");
        assertEquals("Paris", answer(result));
    }

    @Test
    void byteOrderMarkIdRetryEventAndCommentLinesAreSkippedAsTheFormatSays() throws Exception {
        ChatResult result = call(SSE, "\uFEFF: ping\r\nretry: 3000\r\n\r\n"
                + "id: 1\r\nevent: completion\r\ndata: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Paris\"},"
                + "\"finish_reason\":\"stop\"}]}\r\n\r\n"
                + ": OPENROUTER PROCESSING\r\n\r\ndata: [DONE]\r\n\r\n");
        assertEquals("Paris", answer(result));
    }

    @Test
    void aChunkSpreadOverSeveralDataLinesIsJoinedBeforeItIsRead() throws Exception {
        ChatResult result = call(SSE, "data: {\"choices\":[{\"index\":0,\n"
                + "data: \"delta\":{\"content\":\"Paris\"},\n"
                + "data: \"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n");
        assertEquals("Paris", answer(result));
    }

    @Test
    void twoChunksInOneEventWithoutTheBlankLineBetweenAreBothRead() throws Exception {
        ChatResult result = call(SSE, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Par\"}}]}\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"is\"},\"finish_reason\":\"stop\"}]}\n\n"
                + "data: [DONE]\n\n");
        assertEquals("Paris", answer(result));
    }

    @Test
    void azureFilterResultChunksWithEmptyChoicesAndABlankModelAreSkippedAndTheUsageChunkRead() throws Exception {
        ChatResult result = call(SSE, "data: {\"choices\":[],\"created\":0,\"id\":\"\",\"model\":\"\",\"object\":\"\","
                + "\"prompt_filter_results\":[{\"prompt_index\":0,\"content_filter_results\":{\"hate\":"
                + "{\"filtered\":false,\"severity\":\"safe\"}}}]}\n\n"
                + "data: {\"choices\":[{\"content_filter_results\":{},\"delta\":{\"content\":\"Paris\",\"role\":"
                + "\"assistant\"},\"finish_reason\":null,\"index\":0}],\"id\":\"chatcmpl-9\",\"model\":\"gpt-4o-2024-05-13\"}"
                + "\n\n"
                + "data: {\"choices\":[{\"content_filter_results\":{\"hate\":{\"filtered\":false,\"severity\":\"safe\"}},"
                + "\"delta\":{},\"finish_reason\":\"stop\",\"index\":0}],\"id\":\"chatcmpl-9\",\"model\":\"gpt-4o-2024-05-13\"}"
                + "\n\n"
                + "data: {\"choices\":[],\"id\":\"chatcmpl-9\",\"model\":\"gpt-4o-2024-05-13\",\"usage\":"
                + "{\"prompt_tokens\":9,\"completion_tokens\":1,\"total_tokens\":10}}\n\n"
                + "data: [DONE]\n\n");
        assertEquals("Paris", answer(result));
        assertEquals("gpt-4o-2024-05-13", result.response().model());
        assertEquals("chatcmpl-9", result.response().id());
        assertEquals(1, result.completionTokens());
    }

    @Test
    void aStreamWithAFinishReasonButNoDoneIsComplete() throws Exception {
        ChatResult result = call(SSE, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Paris\"},"
                + "\"finish_reason\":\"stop\"}]}\n\n");
        assertEquals("Paris", answer(result));
    }

    @Test
    void aStreamCutOffBeforeDoneAndAnyFinishReasonIsARetriedConnectionFailureNotHalfAnAnswer() throws Exception {
        ChatResult result = call(SSE, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"The capital"
                + " is\"}}]}\n\n");
        ChatResult.Failure f = failure(result, Kind.CONNECTION);
        assertTrue(f.message().contains("cut off"), f.message());
        assertEquals(TestClients.FAST_RETRIES.maxAttempts(), result.attempts());
    }

    @Test
    void anOpenRouterErrorEventMidStreamIsClassifiedByItsHttpCodeAndRetried() throws Exception {
        ChatResult result = call(SSE, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Par\"}}]}\n\n"
                + "data: {\"id\":\"gen-1\",\"object\":\"chat.completion.chunk\",\"error\":{\"code\":502,\"message\":"
                + "\"Provider disconnected\"},\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},"
                + "\"finish_reason\":\"error\"}]}\n\n");
        ChatResult.Failure f = failure(result, Kind.SERVER_ERROR);
        assertEquals("502", f.providerCode());
        assertEquals(TestClients.FAST_RETRIES.maxAttempts(), result.attempts());
    }

    @Test
    void aTgiErrorEventWithABareMessageIsARetriedServerError() throws Exception {
        ChatResult result = call(SSE, "data:{\"error\":\"Request failed during generation: Server error: CUDA out"
                + " of memory\",\"error_type\":\"generation\"}\n\n");
        ChatResult.Failure f = failure(result, Kind.SERVER_ERROR);
        assertEquals("generation", f.providerCode());
        assertTrue(f.message().contains("CUDA out of memory"), f.message());
    }

    @Test
    void streamedThinkTagsAreStrippedFromTheAnswer() throws Exception {
        ChatResult result = call(SSE, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"<think>\\nThe"
                + " user asks\"}}]}\n\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\" for a capital.\\n</think>\\n\\n\"}}]}\n\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Paris\"},\"finish_reason\":\"stop\"}]}\n\n"
                + "data: [DONE]\n\n");
        assertEquals("Paris", answer(result));
        assertEquals("The user asks for a capital.", onlyChoice(result).reasoning());
    }

    @Test
    void streamedToolCallDeltasAreCountedOncePerCallAndRejectedAsToolCall() throws Exception {
        ChatResult result = call(SSE, "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
                + "\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":"
                + "{\"name\":\"lookup\",\"arguments\":\"\"}}]}}]}\n\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":"
                + "{\"arguments\":\"{\\\"q\\\":\"}}]}}]}\n\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":"
                + "{\"arguments\":\"\\\"Paris\\\"}\"}}]}}]}\n\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n"
                + "data: [DONE]\n\n");
        assertEquals(1, onlyChoice(result).toolCalls());
        rejected(result, RejectionReason.TOOL_CALL);
    }

    // --- tool and function calls ---

    @Test
    void toolCallsWithNullContentAreRejectedAsToolCall() throws Exception {
        ChatResult result = call(JSON, completion("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":["
                + "{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"a\",\"arguments\":\"{}\"}},"
                + "{\"id\":\"call_2\",\"type\":\"function\",\"function\":{\"name\":\"b\",\"arguments\":\"{}\"}}]}",
                "\"tool_calls\""));
        assertEquals(2, onlyChoice(result).toolCalls());
        rejected(result, RejectionReason.TOOL_CALL);
    }

    @Test
    void aForcedToolCallWithStopAndTextBesideItIsNeverTheAnswer() throws Exception {
        ChatResult result = call(JSON, completion("{\"role\":\"assistant\",\"content\":\"Let me look that up.\","
                + "\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"lookup\","
                + "\"arguments\":\"{}\"}}]}", "\"stop\""));
        rejected(result, RejectionReason.TOOL_CALL);
    }

    @Test
    void theDeprecatedFunctionCallIsRejectedAsToolCall() throws Exception {
        ChatResult result = call(JSON, completion("{\"role\":\"assistant\",\"content\":null,\"function_call\":"
                + "{\"name\":\"lookup\",\"arguments\":\"{}\"}}", "\"function_call\""));
        assertEquals(1, onlyChoice(result).toolCalls());
        rejected(result, RejectionReason.TOOL_CALL);
    }

    // --- reasoning ---

    @Test
    void reasoningContentWithoutAnAnswerIsRejectedAsReasoningOnly() throws Exception {
        ChatResult result = call(JSON, completion("{\"role\":\"assistant\",\"content\":\"\",\"reasoning_content\":"
                + "\"The user wants the capital of France, which is\"}", "\"stop\""));
        Rejected r = rejected(result, RejectionReason.REASONING_ONLY);
        assertTrue(r.detail().contains("9 words of reasoning"), r.detail());
    }

    @Test
    void vllmsNewerReasoningFieldWithNullContentIsRejectedAsReasoningOnly() throws Exception {
        ChatResult result = call(JSON, completion("{\"role\":\"assistant\",\"content\":null,\"reasoning\":"
                + "\"Thinking about it.\"}", "\"stop\""));
        rejected(result, RejectionReason.REASONING_ONLY);
    }

    @Test
    void aThinkBlockBeforeTheAnswerIsStrippedAndKeptAsReasoning() throws Exception {
        ChatResult result = call(JSON, completion("{\"role\":\"assistant\",\"content\":\"<think>\\nFrance's"
                + " capital.\\n</think>\\n\\nParis\"}", "\"stop\""));
        assertEquals("Paris", answer(result));
        assertEquals("France's capital.", onlyChoice(result).reasoning());
    }

    @Test
    void aThinkBlockOpenedByTheChatTemplateLeavesOnlyItsCloseInTheContentAndIsStripped() throws Exception {
        ChatResult result = call(JSON, completion("{\"role\":\"assistant\",\"content\":\"France's capital.\\n"
                + "</think>\\n\\nParis\"}", "\"stop\""));
        assertEquals("Paris", answer(result));
    }

    @Test
    void aThinkBlockNeverClosedIsRejectedAsReasoningOnly() throws Exception {
        ChatResult result = call(JSON, completion("{\"role\":\"assistant\",\"content\":\"<think>\\nFrance has"
                + " many cities, the capital\"}", "\"stop\""));
        rejected(result, RejectionReason.REASONING_ONLY);
    }

    @Test
    void aThinkBlockCutByTheTokenLimitIsTruncated() throws Exception {
        ChatResult result = call(JSON, completion("{\"role\":\"assistant\",\"content\":\"<think>\\nFrance has\"}",
                "\"length\""));
        rejected(result, RejectionReason.TRUNCATED);
    }

    @Test
    void aThinkBlockWithNothingAfterItIsRejectedAsReasoningOnly() throws Exception {
        ChatResult result = call(JSON, completion("{\"role\":\"assistant\",\"content\":\"<think>France."
                + "</think>\\n\"}", "\"stop\""));
        rejected(result, RejectionReason.REASONING_ONLY);
    }

    // --- content parts ---

    @Test
    void mistralContentPartsGiveTheTextAsAnswerAndTheThinkingAsReasoning() throws Exception {
        ChatResult result = call(JSON, completion("{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\","
                + "\"thinking\":[{\"type\":\"text\",\"text\":\"France's capital.\"}]},{\"type\":\"text\","
                + "\"text\":\"Paris\"}]}", "\"stop\""));
        assertEquals("Paris", answer(result));
        assertEquals("France's capital.", onlyChoice(result).reasoning());
    }

    @Test
    void aRefusalContentPartIsRejectedAsRefusal() throws Exception {
        ChatResult result = call(JSON, completion("{\"role\":\"assistant\",\"content\":[{\"type\":\"refusal\","
                + "\"refusal\":\"I can't help with that.\"}]}", "\"stop\""));
        rejected(result, RejectionReason.REFUSAL);
    }

    // --- finish reasons ---

    @Test
    void azureContentFilterFinishWithFilterResultsIsRejectedAsRefusal() throws Exception {
        ChatResult result = call(JSON, "{\"id\":\"chatcmpl-1\",\"model\":\"gpt-4o\",\"prompt_filter_results\":"
                + "[{\"prompt_index\":0,\"content_filter_results\":{}}],\"choices\":[{\"index\":0,\"finish_reason\":"
                + "\"content_filter\",\"message\":{\"role\":\"assistant\",\"content\":null},\"content_filter_results\":"
                + "{\"violence\":{\"filtered\":true,\"severity\":\"high\"}}}]}");
        rejected(result, RejectionReason.REFUSAL);
    }

    @Test
    void tgisEosTokenAndStopSequenceFinishReasonsEndAnAnswer() throws Exception {
        assertEquals("Paris", answer(call(JSON, completion("{\"role\":\"assistant\",\"content\":\"Paris\"}",
                "\"eos_token\""))));
        assertEquals("Paris", answer(call(JSON, completion("{\"role\":\"assistant\",\"content\":\"Paris\"}",
                "\"stop_sequence\""))));
    }

    @Test
    void deepSeeksInsufficientSystemResourceIsRetriedAndTheNextFullAnswerKept() throws Exception {
        ChatResult result = call(reply(JSON, completion("{\"role\":\"assistant\",\"content\":\"The capital is\"}",
                        "\"insufficient_system_resource\"")),
                reply(JSON, completion("{\"role\":\"assistant\",\"content\":\"Paris\"}", "\"stop\"")));
        assertEquals(2, result.attempts());
        assertEquals("Paris", answer(result));
    }

    @Test
    void aServerThatKeepsCuttingTheGenerationShortFailsAsAServerErrorNamingTheFinishReason() throws Exception {
        ChatResult result = call(JSON, completion("{\"role\":\"assistant\",\"content\":\"The capital is\"}",
                "\"abort\""));
        ChatResult.Failure f = failure(result, Kind.SERVER_ERROR);
        assertEquals("abort", f.providerCode());
        assertEquals(TestClients.FAST_RETRIES.maxAttempts(), result.attempts());
    }

    @Test
    void nullContentWithoutReasoningRefusalOrCallsIsRejectedAsEmpty() throws Exception {
        rejected(call(JSON, completion("{\"role\":\"assistant\",\"content\":null}", "\"stop\"")),
                RejectionReason.EMPTY);
    }

    // --- errors in a 200 body, and on the prompt ---

    @Test
    void anErrorInA200BodyWithA5xxCodeIsRetriedAsAServerError() throws Exception {
        ChatResult result = call(JSON, "{\"error\":{\"code\":502,\"message\":\"Upstream provider failed\"}}");
        ChatResult.Failure f = failure(result, Kind.SERVER_ERROR);
        assertTrue(f.message().contains("Upstream provider failed"), f.message());
        assertEquals(TestClients.FAST_RETRIES.maxAttempts(), result.attempts());
    }

    @Test
    void anErrorInA200BodyWithA401CodeIsAnAuthenticationFailureNotRetriedAndTheKeyMasked() throws Exception {
        ChatResult result = call(JSON, "{\"error\":{\"code\":401,\"message\":\"Invalid key " + TestClients.KEY
                + "\"}}");
        ChatResult.Failure f = failure(result, Kind.AUTHENTICATION);
        assertEquals(1, result.attempts());
        assertFalse(f.message().contains(TestClients.KEY), f.message());
    }

    @Test
    void azurePromptFilteredWith400ContentFilterIsAnInvalidRequestNotRetried() throws Exception {
        ChatResult result = call(LoopbackServer.Reply.json(400, "{\"error\":{\"message\":\"The response was filtered"
                + " due to the prompt triggering Azure OpenAI's content management policy.\",\"type\":null,"
                + "\"param\":\"prompt\",\"code\":\"content_filter\",\"status\":400,\"innererror\":{\"code\":"
                + "\"ResponsibleAIPolicyViolation\",\"content_filter_result\":{\"violence\":{\"filtered\":true,"
                + "\"severity\":\"high\"}}}}}"));
        ChatResult.Failure f = failure(result, Kind.INVALID_REQUEST);
        assertEquals("content_filter", f.providerCode());
        assertEquals(1, result.attempts());
    }
}
