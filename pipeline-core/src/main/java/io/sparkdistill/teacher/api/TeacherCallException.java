package io.sparkdistill.teacher.api;

import java.time.Duration;
import java.util.Optional;

/**
 * A teacher call that did not produce a response, with what the retry loop and the {@code failed/} output need:
 * what went wrong ({@link Kind}), whether trying again can help, how long the server asked us to wait, and the
 * provider's own error code and message. Messages never contain the API key (they are passed through
 * {@link Secret#redact(String)} where a server could echo it).
 */
public class TeacherCallException extends RuntimeException {

    /** What went wrong, and whether the same request may succeed if sent again. */
    public enum Kind {
        /** 429: too many requests or tokens; wait ({@code Retry-After}) and retry. */
        RATE_LIMITED(true),
        /** 500, 502, 503, 504 and other 5xx: the server failed; retry with backoff. */
        SERVER_ERROR(true),
        /** 408, or no response within the configured timeout. */
        TIMEOUT(true),
        /** 409: a conflicting request in progress on the provider side (OpenAI's SDK retries it too). */
        CONFLICT(true),
        /** Connection refused, reset or closed before a full response. */
        CONNECTION(true),
        /** 400, 404, 422 and other 4xx: the request is wrong and will stay wrong. */
        INVALID_REQUEST(false),
        /** 413, or a 429 saying the request alone exceeds the tokens-per-minute limit: it can never fit. */
        REQUEST_TOO_LARGE(false),
        /** A 429 with code {@code insufficient_quota}: the account is out of credit; waiting will not refill it. */
        QUOTA_EXHAUSTED(false),
        /** 401: the key is missing, wrong or revoked. */
        AUTHENTICATION(false),
        /** 403: the key is valid but not allowed this model or region. */
        PERMISSION_DENIED(false),
        /**
         * A 2xx whose body is not a chat completion. Not retried: the call was probably paid for, and a server that
         * answers garbage once tends to answer it again.
         */
        MALFORMED_RESPONSE(false),
        /** The endpoint config cannot be used (the key's variable is unset, its file unreadable). */
        CONFIGURATION(false),
        /** The calling thread was interrupted (a killed Spark task); the interrupt flag has been restored. */
        INTERRUPTED(false);

        private final boolean retriable;

        Kind(boolean retriable) {
            this.retriable = retriable;
        }

        public boolean retriable() {
            return retriable;
        }
    }

    private final Kind kind;
    private final int status;
    private final String providerCode;
    private final Duration retryAfter;

    /**
     * @param status       HTTP status, 0 when no response arrived
     * @param providerCode the provider's {@code error.code} (or {@code error.type} when there is no code), may be null
     * @param retryAfter   how long the server asked us to wait, null when it did not say
     */
    public TeacherCallException(Kind kind, int status, String message, String providerCode, Duration retryAfter,
                                Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.providerCode = providerCode;
        this.retryAfter = retryAfter;
    }

    /** The same failure with the key masked in its message. */
    TeacherCallException redacted(Secret key) {
        return new TeacherCallException(kind, status, key.redact(getMessage()), providerCode, retryAfter, getCause());
    }

    public Kind kind() {
        return kind;
    }

    /** Whether sending the same request again may succeed. */
    public boolean retriable() {
        return kind.retriable();
    }

    /** HTTP status, 0 when no response arrived (timeout, reset, configuration). */
    public int status() {
        return status;
    }

    public Optional<String> providerCode() {
        return Optional.ofNullable(providerCode);
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
