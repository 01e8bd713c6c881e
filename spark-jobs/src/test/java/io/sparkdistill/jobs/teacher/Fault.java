package io.sparkdistill.jobs.teacher;

import java.time.Duration;
import java.util.Objects;

/** One way {@link FakeChatServer} can misbehave on a request; see {@link FaultPlan} for when. */
public record Fault(Kind kind, Duration delay, int retryAfterSeconds) {

    public enum Kind {
        /** 429 with {@code Retry-After} and {@code x-ratelimit-*} headers and OpenAI's rate-limit error body. */
        RATE_LIMITED,
        /** 500 with OpenAI's server-error body. */
        SERVER_ERROR,
        /** 503 with OpenAI's overloaded body. */
        UNAVAILABLE,
        /** The normal answer, but only after {@link #delay()} (meant to be past the client's timeout). */
        SLOW,
        /** The connection is closed abruptly without any response. */
        CONNECTION_RESET,
        /** 200 headers announcing the whole body, half of it, then the connection is closed abruptly. */
        CONNECTION_RESET_MID_BODY,
        /** 200 with a JSON body cut in half. */
        MALFORMED_JSON,
        /** 200 with the content cut short and {@code finish_reason: "length"}. */
        TRUNCATED,
        /**
         * 200 {@code text/event-stream}: the answer's first chunks, then the connection is closed abruptly, without
         * the finish chunk or {@code [DONE]} (a proxy or server dying mid-stream).
         */
        STREAM_CUT
    }

    public Fault {
        Objects.requireNonNull(kind, "kind");
        delay = delay == null ? Duration.ZERO : delay;
    }

    public static Fault rateLimited() {
        return rateLimited(1);
    }

    public static Fault rateLimited(int retryAfterSeconds) {
        return new Fault(Kind.RATE_LIMITED, Duration.ZERO, retryAfterSeconds);
    }

    public static Fault serverError() {
        return new Fault(Kind.SERVER_ERROR, Duration.ZERO, 0);
    }

    public static Fault unavailable() {
        return new Fault(Kind.UNAVAILABLE, Duration.ZERO, 0);
    }

    public static Fault slow(Duration delay) {
        return new Fault(Kind.SLOW, delay, 0);
    }

    public static Fault connectionReset() {
        return new Fault(Kind.CONNECTION_RESET, Duration.ZERO, 0);
    }

    public static Fault connectionResetMidBody() {
        return new Fault(Kind.CONNECTION_RESET_MID_BODY, Duration.ZERO, 0);
    }

    public static Fault malformedJson() {
        return new Fault(Kind.MALFORMED_JSON, Duration.ZERO, 0);
    }

    public static Fault truncated() {
        return new Fault(Kind.TRUNCATED, Duration.ZERO, 0);
    }

    public static Fault streamCut() {
        return new Fault(Kind.STREAM_CUT, Duration.ZERO, 0);
    }
}
