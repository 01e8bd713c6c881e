package io.sparkdistill.teacher.api;

import io.sparkdistill.teacher.api.TeacherCallException.Kind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthFailureBreakerTest {
    private static final ChatResult ANSWERED = ChatResult.succeeded(
            new ChatResponse(List.of(), null, "m", "id"), 1, Duration.ZERO);

    private static ChatResult failed(Kind kind, int status) {
        return ChatResult.failed(new ChatResult.Failure(kind, status, "teacher returned HTTP " + status, null), 1,
                Duration.ZERO);
    }

    @Test
    void opensAfterTheLimitOfRefusalsInARowAndStaysOpen() {
        AuthFailureBreaker breaker = new AuthFailureBreaker(3);
        breaker.record(failed(Kind.AUTHENTICATION, 401));
        breaker.record(failed(Kind.PERMISSION_DENIED, 403));
        assertFalse(breaker.isOpen());
        breaker.record(failed(Kind.QUOTA_EXHAUSTED, 429));
        assertTrue(breaker.isOpen());
        assertEquals(Kind.QUOTA_EXHAUSTED, breaker.openedBy().orElseThrow().kind(), "the refusal that opened it");
        breaker.record(ANSWERED);
        assertTrue(breaker.isOpen(), "a late answer of a call already under way does not close it");
    }

    @Test
    void anAnswerResetsTheCountAndOtherFailuresLeaveIt() {
        AuthFailureBreaker breaker = new AuthFailureBreaker(2);
        breaker.record(failed(Kind.AUTHENTICATION, 401));
        breaker.record(ANSWERED);
        breaker.record(failed(Kind.AUTHENTICATION, 401));
        assertFalse(breaker.isOpen(), "not in a row");
        breaker.record(failed(Kind.SERVER_ERROR, 500));
        breaker.record(failed(Kind.RATE_LIMITED, 429));
        assertFalse(breaker.isOpen(), "a 5xx or a rate limit says nothing about the key");
        breaker.record(failed(Kind.AUTHENTICATION, 401));
        assertTrue(breaker.isOpen());
    }

    @Test
    void theAdviceNamesWhereTheKeyIsNeverTheKey() {
        assertEquals("check the key in the environment variable OPENAI_API_KEY",
                AuthFailureBreaker.advice(Kind.AUTHENTICATION, "the environment variable OPENAI_API_KEY"));
        assertTrue(AuthFailureBreaker.advice(Kind.QUOTA_EXHAUSTED, "x").contains("out of credit"));
        assertThrows(IllegalArgumentException.class, () -> new AuthFailureBreaker(0));
    }
}
