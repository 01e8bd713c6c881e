package io.sparkdistill.teacher.api;

import org.junit.jupiter.api.Test;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");

    private static HttpHeaders headers(Map<String, String> values) {
        Map<String, List<String>> multi = new java.util.HashMap<>();
        values.forEach((k, v) -> multi.put(k, List.of(v)));
        return HttpHeaders.of(multi, (a, b) -> true);
    }

    private static Optional<Duration> from(Map<String, String> headers) {
        return RetryAfter.from(headers(headers), null, NOW);
    }

    @Test
    void retryAfterInSecondsIsRead() {
        assertEquals(Optional.of(Duration.ofSeconds(20)), from(Map.of("Retry-After", "20")));
        assertEquals(Optional.of(Duration.ofMillis(1500)), from(Map.of("retry-after", "1.5")));
    }

    @Test
    void retryAfterAsAnHttpDateIsTheTimeUntilThen() {
        assertEquals(Optional.of(Duration.ofSeconds(90)), from(Map.of("Retry-After", "Mon, 05 Jan 2026 10:01:30 GMT")));
        assertEquals(Optional.of(Duration.ZERO), from(Map.of("Retry-After", "Mon, 05 Jan 2026 09:00:00 GMT")));
    }

    @Test
    void goStyleResetDurationsAreRead() {
        assertEquals(Optional.of(Duration.ofSeconds(1)), RetryAfter.goDuration("1s"));
        assertEquals(Optional.of(Duration.ofMinutes(6)), RetryAfter.goDuration("6m0s"));
        assertEquals(Optional.of(Duration.ofMillis(20)), RetryAfter.goDuration("20ms"));
        assertEquals(Optional.of(Duration.ofMillis(26604)), RetryAfter.goDuration("26.604s"));
        assertEquals(Optional.of(Duration.ofMillis(3723500)), RetryAfter.goDuration("1h2m3.5s"));
        assertEquals(Optional.empty(), RetryAfter.goDuration("soon"));
        assertEquals(Optional.empty(), RetryAfter.goDuration("5s later"));
    }

    @Test
    void withoutRetryAfterTheLongerOfTheRequestAndTokenResetsIsUsed() {
        assertEquals(Optional.of(Duration.ofMillis(120)),
                from(Map.of("x-ratelimit-reset-requests", "120ms", "x-ratelimit-reset-tokens", "0s")));
        assertEquals(Optional.of(Duration.ofMinutes(6)),
                from(Map.of("x-ratelimit-reset-requests", "1s", "x-ratelimit-reset-tokens", "6m0s")));
    }

    @Test
    void retryAfterWinsOverResetHeadersAndRetryAfterMsOverResets() {
        assertEquals(Optional.of(Duration.ofSeconds(2)),
                from(Map.of("Retry-After", "2", "x-ratelimit-reset-tokens", "6m0s")));
        assertEquals(Optional.of(Duration.ofMillis(250)),
                from(Map.of("retry-after-ms", "250", "x-ratelimit-reset-tokens", "6m0s")));
    }

    @Test
    void openAisTryAgainSentenceIsTheLastResort() {
        String message = "Rate limit reached for gpt-4 in organization org-x on tokens per min (TPM): Limit 10000, "
                + "Used 9348, Requested 5086. Please try again in 26.604s. Visit https://platform.openai.com";
        assertEquals(Optional.of(Duration.ofMillis(26604)), RetryAfter.from(headers(Map.of()), message, NOW));
        assertEquals(Optional.empty(), RetryAfter.from(headers(Map.of()), "Provider returned error", NOW));
    }

    @Test
    void unreadableValuesAreIgnored() {
        assertEquals(Optional.empty(), from(Map.of("Retry-After", "whenever")));
    }
}
