package io.sparkdistill.teacher.api;

import java.io.Serializable;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When to try a failed teacher call again and how long to wait first: exponential backoff with jitter, except that
 * a wait the server asked for ({@code Retry-After} and rate-limit reset headers) is honoured as given. A value
 * object, so that the delays can be unit-tested and the policy recorded with a run's provenance.
 *
 * @param maxAttempts total attempts including the first, at least 1
 * @param baseDelay   wait before the second attempt (before jitter)
 * @param maxDelay    cap on the computed backoff (not on a server's Retry-After)
 * @param multiplier  growth of the wait per attempt, at least 1
 * @param jitter      fraction in [0, 1]: the wait is drawn uniformly from delay * [1 - jitter, 1 + jitter], so that
 *                    executors that failed together do not retry together
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, double multiplier, double jitter)
        implements Serializable {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("retry maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (baseDelay == null || baseDelay.isNegative()) {
            throw new IllegalArgumentException("retry baseDelay must be zero or positive, got " + baseDelay);
        }
        if (maxDelay == null || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("retry maxDelay must be at least baseDelay (" + baseDelay + "), got "
                    + maxDelay);
        }
        if (multiplier < 1) {
            throw new IllegalArgumentException("retry multiplier must be at least 1, got " + multiplier);
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("retry jitter must be in [0, 1], got " + jitter);
        }
    }

    /** 5 attempts, 1 s doubling up to 60 s, 20 % jitter. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(60), 2.0, 0.2);
    }

    /** Whether to try again after {@code attemptsMade} attempts, the last of which failed with {@code error}. */
    public boolean shouldRetry(int attemptsMade, TeacherCallException error) {
        return error.retriable() && attemptsMade < maxAttempts;
    }

    /**
     * The wait before attempt number {@code attempt} (2 for the first retry). The server's requested wait when it
     * gave one; otherwise {@code baseDelay * multiplier^(attempt - 2)}, capped at {@code maxDelay}, with jitter.
     */
    public Duration delayBefore(int attempt, TeacherCallException error, RandomGenerator random) {
        if (attempt < 2) {
            throw new IllegalArgumentException("the first retry is attempt 2, got " + attempt);
        }
        if (error.retryAfter().isPresent()) {
            return error.retryAfter().get();
        }
        double backoff = Math.min(baseDelay.toNanos() * Math.pow(multiplier, attempt - 2.0), maxDelay.toNanos());
        double jittered = backoff * (1 + jitter * (2 * random.nextDouble() - 1));
        return Duration.ofNanos(Math.round(jittered));
    }

    /**
     * Sleeps for {@code delay}. When interrupted, restores the thread's interrupt flag (so a killed Spark task still
     * sees it) and returns false: the caller must stop retrying.
     */
    public boolean pause(Duration delay, Sleeper sleeper) {
        try {
            sleeper.sleep(delay);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
