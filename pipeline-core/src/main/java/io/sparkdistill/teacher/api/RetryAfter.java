package io.sparkdistill.teacher.api;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a server asked us to wait before trying again, read from what real servers send, in this order:
 * {@code Retry-After} (seconds or an HTTP date), {@code retry-after-ms}, the longer of OpenAI's
 * {@code x-ratelimit-reset-requests} / {@code x-ratelimit-reset-tokens} (Go durations such as {@code 20ms},
 * {@code 1s}, {@code 6m0s}), and finally the "Please try again in 26.604s" sentence of OpenAI's 429 messages.
 */
final class RetryAfter {
    private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|us|µs|ns|m|s)");
    private static final Pattern TRY_AGAIN_IN = Pattern.compile("try again in ((?:\\d+(?:\\.\\d+)?(?:h|ms|m|s))+)");

    private RetryAfter() {
    }

    static Optional<Duration> from(HttpHeaders headers, String errorMessage, Instant now) {
        Optional<Duration> retryAfter = headers.firstValue("retry-after").flatMap(v -> retryAfterValue(v, now));
        if (retryAfter.isPresent()) {
            return retryAfter;
        }
        Optional<Duration> millis = headers.firstValue("retry-after-ms").flatMap(RetryAfter::milliseconds);
        if (millis.isPresent()) {
            return millis;
        }
        Optional<Duration> requests = headers.firstValue("x-ratelimit-reset-requests").flatMap(RetryAfter::goDuration);
        Optional<Duration> tokens = headers.firstValue("x-ratelimit-reset-tokens").flatMap(RetryAfter::goDuration);
        if (requests.isPresent() || tokens.isPresent()) {
            return Optional.of(max(requests.orElse(Duration.ZERO), tokens.orElse(Duration.ZERO)));
        }
        if (errorMessage != null) {
            Matcher m = TRY_AGAIN_IN.matcher(errorMessage);
            if (m.find()) {
                return goDuration(m.group(1));
            }
        }
        return Optional.empty();
    }

    /** {@code Retry-After}: delta-seconds or an IMF-fixdate; a date in the past means "now". */
    static Optional<Duration> retryAfterValue(String value, Instant now) {
        String v = value.strip();
        try {
            return Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000))).filter(d -> !d.isNegative());
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(max(Duration.between(now, at), Duration.ZERO));
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    /** A Go {@code time.Duration} string: {@code 20ms}, {@code 1s}, {@code 6m0s}, {@code 1h2m3.5s}. */
    static Optional<Duration> goDuration(String value) {
        String v = value.strip();
        Matcher m = GO_DURATION_PART.matcher(v);
        double nanos = 0;
        int end = 0;
        while (m.find() && m.start() == end) {
            double amount = Double.parseDouble(m.group(1));
            nanos += amount * switch (m.group(2)) {
                case "h" -> 3.6e12;
                case "m" -> 6e10;
                case "s" -> 1e9;
                case "ms" -> 1e6;
                case "us", "µs" -> 1e3;
                default -> 1;
            };
            end = m.end();
        }
        return end == v.length() && end > 0 ? Optional.of(Duration.ofNanos(Math.round(nanos))) : Optional.empty();
    }

    private static Optional<Duration> milliseconds(String value) {
        try {
            return Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(value.strip()))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
