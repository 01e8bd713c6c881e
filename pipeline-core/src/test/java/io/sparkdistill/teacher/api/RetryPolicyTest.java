package io.sparkdistill.teacher.api;

import io.sparkdistill.teacher.api.TeacherCallException.Kind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryPolicyTest {
    private static final RandomGenerator RANDOM = RandomGenerator.of("L64X128MixRandom");

    private static TeacherCallException error(Kind kind, Duration retryAfter) {
        return new TeacherCallException(kind, 503, "x", null, retryAfter, null);
    }

    @Test
    void delaysGrowByTheMultiplierFromTheBaseAndStopAtTheCap() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(1000), 3, 0);
        TeacherCallException e = error(Kind.SERVER_ERROR, null);

        assertEquals(Duration.ofMillis(100), policy.delayBefore(2, e, RANDOM));
        assertEquals(Duration.ofMillis(300), policy.delayBefore(3, e, RANDOM));
        assertEquals(Duration.ofMillis(900), policy.delayBefore(4, e, RANDOM));
        assertEquals(Duration.ofMillis(1000), policy.delayBefore(5, e, RANDOM));
        assertEquals(Duration.ofMillis(1000), policy.delayBefore(9, e, RANDOM));
    }

    @Test
    void jitterSpreadsDelaysWithinItsFractionAroundTheBackoff() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(1000), Duration.ofMillis(1000), 2, 0.25);
        TeacherCallException e = error(Kind.TIMEOUT, null);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < 2000; i++) {
            long d = policy.delayBefore(2, e, RANDOM).toMillis();
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        assertTrue(min >= 750 && min < 770, "smallest delay " + min);
        assertTrue(max <= 1250 && max > 1230, "largest delay " + max);
    }

    @Test
    void aWaitTheServerAskedForIsHonouredAsGivenEvenAboveTheCap() {
        RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(20), 2, 0.5);
        assertEquals(Duration.ofSeconds(30),
                policy.delayBefore(2, error(Kind.RATE_LIMITED, Duration.ofSeconds(30)), RANDOM));
    }

    @Test
    void onlyRetriableErrorsAreRetriedAndOnlyBelowTheMaximum() {
        RetryPolicy policy = new RetryPolicy(3, Duration.ZERO, Duration.ZERO, 1, 0);
        assertTrue(policy.shouldRetry(1, error(Kind.SERVER_ERROR, null)));
        assertTrue(policy.shouldRetry(2, error(Kind.CONNECTION, null)));
        assertFalse(policy.shouldRetry(3, error(Kind.SERVER_ERROR, null)));
        assertFalse(policy.shouldRetry(1, error(Kind.AUTHENTICATION, null)));
        assertFalse(policy.shouldRetry(1, error(Kind.MALFORMED_RESPONSE, null)));
    }

    @Test
    void beingInterruptedWhileWaitingStopsTheRetriesAndKeepsTheInterruptFlag() {
        RetryPolicy policy = RetryPolicy.defaults();
        try {
            assertFalse(policy.pause(Duration.ofSeconds(5), d -> {
                throw new InterruptedException();
            }));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void anUninterruptedPauseReturnsTrueAfterSleepingTheDelay() {
        Duration[] slept = new Duration[1];
        assertTrue(RetryPolicy.defaults().pause(Duration.ofMillis(42), d -> slept[0] = d));
        assertEquals(Duration.ofMillis(42), slept[0]);
    }

    @Test
    void badValuesAreRejectedNamingTheFieldAndTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 2, 0));
        assertTrue(e.getMessage().contains("maxAttempts") && e.getMessage().contains("0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(3, Duration.ZERO, Duration.ZERO, 2, 1.5));
        assertTrue(e.getMessage().contains("jitter") && e.getMessage().contains("1.5"), e.getMessage());
    }
}
