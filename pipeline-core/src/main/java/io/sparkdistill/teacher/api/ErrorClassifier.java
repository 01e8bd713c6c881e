package io.sparkdistill.teacher.api;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.Optional;

import io.sparkdistill.teacher.api.TeacherCallException.Kind;

/**
 * The one place that decides what a failed call means: HTTP statuses and transport errors become a
 * {@link TeacherCallException} with a {@link Kind} (and so whether it is retried), the provider's message and
 * code, and how long to wait. Follows OpenAI's own SDKs: 408, 409, 429 and 5xx are retried, other 4xx are not.
 */
final class ErrorClassifier {
    private final ObjectMapper mapper;
    private final Clock clock;

    ErrorClassifier(ObjectMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    /** The kind of an HTTP error status; the provider error tells apart the 429s that no wait can fix. */
    static Kind kindOf(int status, ProviderError error) {
        return switch (status) {
            case 401 -> Kind.AUTHENTICATION;
            case 403 -> Kind.PERMISSION_DENIED;
            case 408 -> Kind.TIMEOUT;
            case 409 -> Kind.CONFLICT;
            case 413 -> Kind.REQUEST_TOO_LARGE;
            case 429 -> isTooLargeForAnyWindow(error) ? Kind.REQUEST_TOO_LARGE
                    : "insufficient_quota".equals(error.code()) ? Kind.QUOTA_EXHAUSTED : Kind.RATE_LIMITED;
            default -> status >= 500 ? Kind.SERVER_ERROR : Kind.INVALID_REQUEST;
        };
    }

    /** OpenAI's "Request too large for ... Limit 30000, Requested 200002": a 429 that waiting cannot fix. */
    private static boolean isTooLargeForAnyWindow(ProviderError error) {
        return error.message().startsWith("Request too large");
    }

    /** A non-2xx response. The key and URL credentials, should the server echo them, are masked in the message. */
    TeacherCallException fromResponse(int status, HttpHeaders headers, String body, Optional<Secret> key) {
        ProviderError error = ProviderError.parse(mapper, body);
        Kind kind = kindOf(status, error);
        String message = "teacher returned HTTP " + status + " (" + kind + ")"
                + (error.codeOrType() == null ? "" : " [" + error.codeOrType() + "]") + ": " + error.message();
        String safe = UrlCredentials.redact(key.map(k -> k.redact(message)).orElse(message));
        return new TeacherCallException(kind, status, safe, error.codeOrType(),
                kind.retriable() ? RetryAfter.from(headers, error.message(), clock.instant()).orElse(null) : null,
                null);
    }

    /** A call that got no complete response: a timeout, or a connection refused, reset or closed early. */
    static TeacherCallException fromTransport(IOException e) {
        if (e instanceof HttpTimeoutException) {
            return new TeacherCallException(Kind.TIMEOUT, 0, "teacher did not answer in time: " + e.getMessage(),
                    null, null, e);
        }
        // The JDK's messages may quote the URL, query credentials included.
        return new TeacherCallException(Kind.CONNECTION, 0, "teacher connection failed: "
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " "
                + UrlCredentials.redact(e.getMessage())), null, null, e);
    }
}
