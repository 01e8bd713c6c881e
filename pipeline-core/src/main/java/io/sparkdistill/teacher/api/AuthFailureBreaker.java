package io.sparkdistill.teacher.api;

import io.sparkdistill.teacher.api.TeacherCallException.Kind;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A circuit breaker for refusals no retry can fix: a wrong or revoked key (401), a key not allowed the model (403),
 * an account out of credit. Each such call is not retried, but without a breaker every remaining example would still
 * be sent once, each refused alike. After {@code limit} of them in a row the breaker opens and stays open: callers
 * check {@link #isOpen()} before each call and send nothing more. An answered call resets the count; other failures
 * (rate limits, 5xx, timeouts) say nothing about the key and leave it as it is. Safe to share between threads.
 */
public final class AuthFailureBreaker {
    private static final Set<Kind> REFUSALS = EnumSet.of(Kind.AUTHENTICATION, Kind.PERMISSION_DENIED,
            Kind.QUOTA_EXHAUSTED);

    private final int limit;
    private final AtomicInteger consecutive = new AtomicInteger();
    private final AtomicReference<ChatResult.Failure> openedBy = new AtomicReference<>();

    /** @param limit refusals in a row that open the breaker, at least 1 */
    public AuthFailureBreaker(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        this.limit = limit;
    }

    /** Counts the outcome of one call. */
    public void record(ChatResult result) {
        if (result.succeeded()) {
            consecutive.set(0);
        } else if (REFUSALS.contains(result.failure().kind()) && consecutive.incrementAndGet() >= limit) {
            openedBy.compareAndSet(null, result.failure());
        }
    }

    /** Whether {@code limit} refusals came in a row: no further call should be sent. */
    public boolean isOpen() {
        return openedBy.get() != null;
    }

    /** The refusal that opened the breaker, once open. */
    public Optional<ChatResult.Failure> openedBy() {
        return Optional.ofNullable(openedBy.get());
    }

    /**
     * What to do about a refusal of this kind, in words for the {@code error:} line; {@code keySource} names where
     * the key comes from (never the key).
     */
    public static String advice(Kind kind, String keySource) {
        return switch (kind) {
            case AUTHENTICATION -> "check the key in " + keySource;
            case PERMISSION_DENIED -> "the key in " + keySource + " is not allowed this model: check "
                    + "teacher.endpoint.model and the key's project or region";
            case QUOTA_EXHAUSTED -> "the account of the key in " + keySource + " is out of credit: add credit or "
                    + "raise its quota";
            default -> "see the teacher's message";
        };
    }
}
