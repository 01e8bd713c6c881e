package io.sparkdistill.teacher.batch;

import io.sparkdistill.teacher.api.ChatResponse;
import io.sparkdistill.teacher.api.ChatResult;
import io.sparkdistill.teacher.api.TeacherCallException;

import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;

/**
 * One line of a Batch API output (or error) file, read: the teacher's completion for an example, or why there is
 * none. {@link #toChatResult()} turns either into the {@link ChatResult} a synchronous call would have returned, so
 * batch answers go through the same validation and end in the same {@code synthetic/}, {@code rejected/} or
 * {@code failed/} as live ones.
 */
public sealed interface BatchResultLine extends Serializable {

    /** The example id the input line carried. */
    String customId();

    /** The request's HTTP status; 0 when the request never ran (expired or cancelled batch). */
    int statusCode();

    /** The same outcome as a synchronous call's result: one attempt, latency unknown (zero). */
    ChatResult toChatResult();

    /**
     * A completion (status 2xx).
     *
     * @param requestId the provider's request id (for support tickets), may be null
     */
    record Succeeded(String customId, int statusCode, String requestId, ChatResponse response)
            implements BatchResultLine {
        @Override
        public ChatResult toChatResult() {
            ChatResponse.Usage usage = response.usage();
            return new ChatResult(response, 1, Duration.ZERO, usage == null ? 0 : usage.promptTokens(),
                    usage == null ? 0 : usage.completionTokens(), null);
        }
    }

    /**
     * No completion: the line's {@code error}, or the error body of a non-2xx response.
     *
     * @param code    the provider's error code (e.g. {@code batch_expired}, {@code rate_limit_exceeded}), may be null
     * @param message the provider's message, never null
     */
    record Failed(String customId, int statusCode, String code, String message) implements BatchResultLine {
        @Override
        public ChatResult toChatResult() {
            return new ChatResult(null, 1, Duration.ZERO, 0, 0,
                    new ChatResult.Failure(kind(), statusCode, message, code));
        }

        /**
         * The failure kind a synchronous call would have recorded: by HTTP status, else by code. A request the
         * batch never ran (expired, cancelled) is a {@code TIMEOUT}, retriable: the next batch may ask again.
         */
        public TeacherCallException.Kind kind() {
            String c = code == null ? "" : code.toLowerCase(Locale.ROOT);
            if (statusCode == 0) {
                return c.contains("expired") || c.contains("cancel") ? TeacherCallException.Kind.TIMEOUT
                        : TeacherCallException.Kind.SERVER_ERROR;
            }
            return switch (statusCode) {
                case 401 -> TeacherCallException.Kind.AUTHENTICATION;
                case 403 -> TeacherCallException.Kind.PERMISSION_DENIED;
                case 408 -> TeacherCallException.Kind.TIMEOUT;
                case 409 -> TeacherCallException.Kind.CONFLICT;
                case 413 -> TeacherCallException.Kind.REQUEST_TOO_LARGE;
                case 429 -> c.contains("quota") ? TeacherCallException.Kind.QUOTA_EXHAUSTED
                        : TeacherCallException.Kind.RATE_LIMITED;
                default -> statusCode >= 500 ? TeacherCallException.Kind.SERVER_ERROR
                        : TeacherCallException.Kind.INVALID_REQUEST;
            };
        }
    }
}
