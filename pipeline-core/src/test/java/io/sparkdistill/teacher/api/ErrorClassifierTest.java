package io.sparkdistill.teacher.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.teacher.api.TeacherCallException.Kind;
import org.junit.jupiter.api.Test;

import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorClassifierTest {
    private final ErrorClassifier classifier = new ErrorClassifier(new ObjectMapper(), Clock.systemUTC());
    private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (a, b) -> true);

    @Test
    void theTransientFlavourOfOpenAis429IsRetriedAfterTheWaitItsMessageNames() {
        String body = "{\"error\":{\"message\":\"Rate limit reached for gpt-4 on tokens per min (TPM): Limit 10000, "
                + "Used 9348, Requested 5086. Please try again in 26.604s.\",\"type\":\"tokens\","
                + "\"code\":\"rate_limit_exceeded\"}}";
        TeacherCallException e = classifier.fromResponse(429, NO_HEADERS, body, Optional.empty());
        assertEquals(Kind.RATE_LIMITED, e.kind());
        assertEquals(Optional.of(Duration.ofMillis(26604)), e.retryAfter());
    }

    @Test
    void a429ForAnAccountOutOfCreditIsNotRetried() {
        String body = "{\"error\":{\"message\":\"You exceeded your current quota, please check your plan and "
                + "billing details.\",\"type\":\"insufficient_quota\",\"param\":null,"
                + "\"code\":\"insufficient_quota\"}}";
        TeacherCallException e = classifier.fromResponse(429, NO_HEADERS, body, Optional.empty());
        assertEquals(Kind.QUOTA_EXHAUSTED, e.kind());
        assertFalse(e.retriable());
    }

    @Test
    void aNonRetriableErrorCarriesNoWaitEvenWhenHeadersNameOne() {
        HttpHeaders headers = HttpHeaders.of(Map.of("retry-after", List.of("5")), (a, b) -> true);
        TeacherCallException e = classifier.fromResponse(400, headers, "{}", Optional.empty());
        assertFalse(e.retriable());
        assertTrue(e.retryAfter().isEmpty());
    }

    @Test
    void bareStringErrorsFromOllamaOrTgiAreRead() {
        TeacherCallException e = classifier.fromResponse(404, NO_HEADERS,
                "{\"error\":\"model 'llama9' not found, try pulling it first\"}", Optional.empty());
        assertTrue(e.getMessage().contains("model 'llama9' not found"), e.getMessage());
    }

    @Test
    void vllmTopLevelMessageWithANumericCodeIsRead() {
        TeacherCallException e = classifier.fromResponse(400, NO_HEADERS,
                "{\"object\":\"error\",\"message\":\"max_tokens is too large\",\"type\":\"BadRequestError\","
                        + "\"code\":400}", Optional.empty());
        assertEquals(Optional.of("400"), e.providerCode());
        assertTrue(e.getMessage().contains("max_tokens is too large"), e.getMessage());
    }

    @Test
    void anHtmlPageFromAProxyKeepsTheStartOfTheBody() {
        TeacherCallException e = classifier.fromResponse(502, NO_HEADERS,
                "<html><body>502 Bad Gateway</body></html>", Optional.empty());
        assertEquals(Kind.SERVER_ERROR, e.kind());
        assertTrue(e.getMessage().contains("502 Bad Gateway"), e.getMessage());
    }

    @Test
    void timeoutsAreToldApartFromOtherTransportErrors() {
        assertEquals(Kind.TIMEOUT, ErrorClassifier.fromTransport(new HttpTimeoutException("timed out")).kind());
        assertEquals(Kind.CONNECTION, ErrorClassifier.fromTransport(new java.net.ConnectException()).kind());
    }
}
