package io.sparkdistill.teacher.api;

import io.sparkdistill.error.UrlCredentials;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.sparkdistill.teacher.api.TeacherCallException.Kind;

/**
 * The one place that decides what a failed call means: HTTP statuses and transport errors become a
 * {@link TeacherCallException} with a {@link Kind} (and so whether it is retried), the provider's message and
 * code, and how long to wait. Follows OpenAI's own SDKs: 408, 409, 429 and 5xx are retried, other 4xx are not.
 */
final class ErrorClassifier {
    /**
     * {@code finish_reason} values by which the server, not the model, says it stopped generating: DeepSeek's
     * {@code insufficient_system_resource}, OpenRouter's {@code error}, vLLM's {@code abort}. The text is incomplete,
     * and the same request may well be answered in full on the next try.
     */
    private static final Set<String> SERVER_STOPS = Set.of("insufficient_system_resource", "error", "abort");

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

    /**
     * An error the server put in a 2xx response, in the body or as a stream event, because generation had started
     * when it failed (OpenRouter, TGI and vLLM do so). An HTTP status in {@code error.code} (OpenRouter) gives the
     * kind as that status would; otherwise the server failed midway, which is retried as a server error.
     *
     * @param what how the error arrived, for the message: "response holds an error", "stream ended with an error"
     */
    static TeacherCallException fromErrorInBody(ProviderError error, int status, String what) {
        int code = httpStatus(error.code());
        Kind kind = code > 0 ? kindOf(code, error) : Kind.SERVER_ERROR;
        return new TeacherCallException(kind, status, "teacher " + what + ": " + error.message(), error.codeOrType(),
                null, null);
    }

    private static int httpStatus(String code) {
        if (code != null && code.matches("[45]\\d\\d")) {
            return Integer.parseInt(code);
        }
        return 0;
    }

    /**
     * A completion that a choice's {@code finish_reason} says the server cut short ({@link #SERVER_STOPS}): a
     * retriable server error, since its text is not the teacher's whole answer; empty for any other completion.
     */
    static Optional<TeacherCallException> fromFinishReasons(ChatResponse response, int status) {
        for (ChatResponse.Choice choice : response.choices()) {
            String finish = choice.finishReason();
            if (finish != null && SERVER_STOPS.contains(finish.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(new TeacherCallException(Kind.SERVER_ERROR, status,
                        "teacher stopped generating before the answer was complete (finish_reason " + finish + ")",
                        finish, null, null));
            }
        }
        return Optional.empty();
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
