package io.sparkdistill.teacher.api;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of one teacher call with its accounting, successful or not, so that every example can end in
 * {@code synthetic}, {@code rejected} or {@code failed} with its cost and reason recorded; a teacher error is
 * retried, then recorded here rather than thrown.
 *
 * @param response         the completion; null when the call failed
 * @param attempts         HTTP attempts made, 1 when the first succeeded; 0 when none could be made
 * @param latency          wall time of the whole call, waits and retries included
 * @param promptTokens     from the server's usage; 0 when it reported none or the call failed
 * @param completionTokens from the server's usage; 0 when it reported none or the call failed
 * @param failure          why the call failed after its retries; null on success
 */
public record ChatResult(ChatResponse response, int attempts, Duration latency, int promptTokens,
                         int completionTokens, Failure failure) implements Serializable {

    public ChatResult {
        Objects.requireNonNull(latency, "latency");
        if ((response == null) == (failure == null)) {
            throw new IllegalArgumentException("a result holds either a response or a failure, not both or neither");
        }
    }

    static ChatResult succeeded(ChatResponse response, int attempts, Duration latency) {
        ChatResponse.Usage usage = response.usage();
        return new ChatResult(response, attempts, latency, usage == null ? 0 : usage.promptTokens(),
                usage == null ? 0 : usage.completionTokens(), null);
    }

    static ChatResult failed(Failure failure, int attempts, Duration latency) {
        return new ChatResult(null, attempts, latency, 0, 0, failure);
    }

    public boolean succeeded() {
        return failure == null;
    }

    /**
     * Why a call failed, in the form written to {@code failed/}: no exception object, no stack, no key.
     *
     * @param kind         what went wrong
     * @param status       the last HTTP status, 0 when no response arrived
     * @param message      human-readable, key masked
     * @param providerCode the provider's error code or type, null when none
     */
    public record Failure(TeacherCallException.Kind kind, int status, String message, String providerCode)
            implements Serializable {

        static Failure of(TeacherCallException e) {
            return new Failure(e.kind(), e.status(), e.getMessage(), e.providerCode().orElse(null));
        }
    }
}
