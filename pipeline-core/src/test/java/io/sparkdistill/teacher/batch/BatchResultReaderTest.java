package io.sparkdistill.teacher.batch;

import io.sparkdistill.teacher.api.ChatResult;
import io.sparkdistill.teacher.api.TeacherCallException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchResultReaderTest {
    static final String SUCCESS = """
            {"id": "batch_req_1", "custom_id": "ex-1", "response": {"status_code": 200, "request_id": "req_9", \
            "body": {"id": "chatcmpl-1", "object": "chat.completion", "model": "gpt-4o-mini-2024-07-18", \
            "choices": [{"index": 0, "message": {"role": "assistant", "content": "entailment", "refusal": null}, \
            "logprobs": {"content": [{"token": "ent", "logprob": -0.01, "top_logprobs": \
            [{"token": "ent", "logprob": -0.01}, {"token": "neutral", "logprob": -4.6}]}]}, \
            "finish_reason": "stop"}], \
            "usage": {"prompt_tokens": 52, "completion_tokens": 2, "total_tokens": 54}}}, "error": null}""";
    static final String LINE_ERROR = """
            {"id": "batch_req_2", "custom_id": "ex-2", "response": null, \
            "error": {"code": "batch_expired", "message": "This request could not be executed before the \
            completion window expired."}}""";
    static final String HTTP_ERROR = """
            {"id": "batch_req_3", "custom_id": "ex-3", "response": {"status_code": 400, "request_id": "req_3", \
            "body": {"error": {"message": "max_tokens is too large", "type": "invalid_request_error", \
            "code": "invalid_value"}}}, "error": null}""";

    @Test
    void aSuccessfulLineGivesTheCompletionWithItsUsageAndLogprobs() {
        BatchResultLine line = BatchResultReader.parse(SUCCESS, "out.jsonl", 1);

        BatchResultLine.Succeeded ok = assertInstanceOf(BatchResultLine.Succeeded.class, line);
        assertEquals("ex-1", ok.customId());
        assertEquals(200, ok.statusCode());
        assertEquals("req_9", ok.requestId());
        assertEquals("entailment", ok.response().choices().get(0).content());
        assertEquals("stop", ok.response().choices().get(0).finishReason());
        assertNull(ok.response().choices().get(0).refusal());
        assertEquals(2, ok.response().choices().get(0).logprobs().get(0).top().size());
        assertEquals("gpt-4o-mini-2024-07-18", ok.response().model());

        ChatResult result = line.toChatResult();
        assertTrue(result.succeeded());
        assertEquals(52, result.promptTokens());
        assertEquals(2, result.completionTokens());
    }

    @Test
    void aLineWithAnErrorGivesItsCodeAndMessageAsARetriableFailure() {
        BatchResultLine.Failed failed = assertInstanceOf(BatchResultLine.Failed.class,
                BatchResultReader.parse(LINE_ERROR, "errors.jsonl", 2));
        assertEquals("ex-2", failed.customId());
        assertEquals(0, failed.statusCode());
        assertEquals("batch_expired", failed.code());
        assertTrue(failed.message().startsWith("This request could not be executed"));

        ChatResult result = failed.toChatResult();
        assertFalse(result.succeeded());
        assertEquals(TeacherCallException.Kind.TIMEOUT, result.failure().kind());
        assertTrue(result.failure().kind().retriable());
    }

    @Test
    void aNon2xxResponseIsAFailureWithTheProviderErrorFromItsBody() {
        BatchResultLine.Failed failed = assertInstanceOf(BatchResultLine.Failed.class,
                BatchResultReader.parse(HTTP_ERROR, "out.jsonl", 3));
        assertEquals(400, failed.statusCode());
        assertEquals("invalid_value", failed.code());
        assertEquals("max_tokens is too large", failed.message());
        assertEquals(TeacherCallException.Kind.INVALID_REQUEST, failed.kind());
    }

    @Test
    void aMalformedLineIsRefusedNamingTheFileAndLine() {
        IllegalArgumentException notJson = assertThrows(IllegalArgumentException.class,
                () -> BatchResultReader.parse("{\"custom_id\": ", "out.jsonl", 7));
        assertTrue(notJson.getMessage().contains("out.jsonl line 7"), notJson.getMessage());

        IllegalArgumentException noId = assertThrows(IllegalArgumentException.class,
                () -> BatchResultReader.parse("{\"response\": {\"status_code\": 200, \"body\": {}}}", "out.jsonl", 8));
        assertTrue(noId.getMessage().contains("line 8") && noId.getMessage().contains("custom_id"),
                noId.getMessage());

        IllegalArgumentException noChoices = assertThrows(IllegalArgumentException.class,
                () -> BatchResultReader.parse("{\"custom_id\": \"ex-9\", \"response\": {\"status_code\": 200, "
                        + "\"body\": {\"object\": \"list\"}}, \"error\": null}", "out.jsonl", 9));
        assertTrue(noChoices.getMessage().contains("line 9") && noChoices.getMessage().contains("choices"),
                noChoices.getMessage());
    }

    @Test
    void aWholeFileIsReadInOrderSkippingBlankLines(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("batch_output.jsonl");
        Files.writeString(file, SUCCESS + "\n" + LINE_ERROR + "\n" + HTTP_ERROR + "\n\n");

        List<BatchResultLine> lines = BatchResultReader.read(file);

        assertEquals(List.of("ex-1", "ex-2", "ex-3"), lines.stream().map(BatchResultLine::customId).toList());
    }

    @Test
    void aMalformedLineInAFileIsNamedByItsLineNumber(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("batch_output.jsonl");
        Files.writeString(file, SUCCESS + "\n\nnot json\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BatchResultReader.read(file));
        assertTrue(e.getMessage().contains(file + " line 3"), e.getMessage());
    }
}
