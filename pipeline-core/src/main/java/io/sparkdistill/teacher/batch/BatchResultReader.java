package io.sparkdistill.teacher.batch;

import io.sparkdistill.teacher.api.ChatResponse;
import io.sparkdistill.teacher.api.TeacherCallException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Batch API output and error files (OpenAI and Azure OpenAI write the same shape), one JSON object a line:
 * <pre>
 * {"id": "batch_req_…", "custom_id": "&lt;example id&gt;",
 *  "response": {"status_code": 200, "request_id": "…", "body": {&lt;chat completion&gt;}},
 *  "error": null}
 * </pre>
 * A line is a {@link BatchResultLine.Succeeded} when {@code error} is null and the status is 2xx; a
 * {@link BatchResultLine.Failed} when {@code error} is set ({@code {"code", "message"}}, response possibly null) or
 * the status is not 2xx (the body then holds OpenAI's {@code {"error": {...}}}). Anything else — not JSON, no
 * {@code custom_id}, a 2xx body without {@code choices} — is not a batch output line and fails the read with an
 * {@link IllegalArgumentException} naming the file and line: a file that does not parse is the wrong file.
 */
public final class BatchResultReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BatchResultReader() {
    }

    /**
     * Reads one line.
     *
     * @param file       named in the error message
     * @param lineNumber 1-based, named in the error message
     */
    public static BatchResultLine parse(String line, String file, long lineNumber) {
        JsonNode root;
        try {
            root = line == null ? null : JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw malformed(file, lineNumber, "not JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw malformed(file, lineNumber, "not a JSON object");
        }
        String customId = text(root, "custom_id");
        if (customId == null || customId.isBlank()) {
            throw malformed(file, lineNumber, "no 'custom_id'");
        }
        JsonNode response = root.path("response");
        int status = response.path("status_code").asInt(0);
        JsonNode error = root.get("error");
        if (error != null && !error.isNull()) {
            String message = error.isObject() ? text(error, "message") : error.asText();
            return new BatchResultLine.Failed(customId, status,
                    error.isObject() ? text(error, "code") : null,
                    message == null ? "batch error without a message" : message);
        }
        if (!response.isObject()) {
            throw malformed(file, lineNumber, "neither 'response' nor 'error' is set (custom_id " + customId + ")");
        }
        JsonNode body = response.path("body");
        if (status < 200 || status > 299) {
            JsonNode bodyError = body.path("error");
            String code = text(bodyError, "code");
            code = code != null ? code : text(bodyError, "type");
            String message = text(bodyError, "message");
            return new BatchResultLine.Failed(customId, status, code,
                    message != null ? message : "HTTP " + status + (body.isMissingNode() ? "" : ": " + body));
        }
        try {
            return new BatchResultLine.Succeeded(customId, status, text(response, "request_id"),
                    ChatResponse.fromJson(body));
        } catch (TeacherCallException e) {
            throw malformed(file, lineNumber, e.getMessage() + " (custom_id " + customId + ")");
        }
    }

    /** A string field, null when absent or JSON null. */
    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Reads a whole local file, skipping blank lines (such as a trailing one). */
    public static List<BatchResultLine> read(Path file) {
        List<BatchResultLine> lines = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    lines.add(parse(line, file.toString(), number));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read batch output file " + file, e);
        }
        return lines;
    }

    private static IllegalArgumentException malformed(String file, long lineNumber, String why) {
        return new IllegalArgumentException("batch output " + file + " line " + lineNumber
                + " is not a Batch API result line: " + why);
    }
}
