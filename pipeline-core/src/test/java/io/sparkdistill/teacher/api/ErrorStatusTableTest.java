package io.sparkdistill.teacher.api;

import io.sparkdistill.teacher.api.TeacherCallException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the client does with each HTTP error status, against a loopback server that always answers with it. */
class ErrorStatusTableTest {
    private static final String ERROR_BODY =
            "{\"error\": {\"message\": \"scripted failure\", \"type\": \"server_error\", \"code\": \"scripted\"}}";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "HTTP {0} is {1}, retried: {2}")
    @CsvSource({
            "400, INVALID_REQUEST,   false",
            "401, AUTHENTICATION,    false",
            "403, PERMISSION_DENIED, false",
            "404, INVALID_REQUEST,   false",
            "408, TIMEOUT,           true",
            "409, CONFLICT,          true",
            "413, REQUEST_TOO_LARGE, false",
            "422, INVALID_REQUEST,   false",
            "429, RATE_LIMITED,      true",
            "500, SERVER_ERROR,      true",
            "502, SERVER_ERROR,      true",
            "503, SERVER_ERROR,      true",
            "504, SERVER_ERROR,      true",
    })
    void eachStatusMapsToOneKindAndIsRetriedOnlyWhenRetriable(int status, Kind kind, boolean retried)
            throws Exception {
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.Reply.json(status, ERROR_BODY))) {
            ChatResult result = TestClients.recordingSleeps()
                    .client(TestClients.openAi(server, dir, Duration.ofSeconds(5), 1), TestClients.FAST_RETRIES)
                    .complete(TestClients.hello());

            int expectedAttempts = retried ? TestClients.FAST_RETRIES.maxAttempts() : 1;
            assertEquals(expectedAttempts, result.attempts());
            assertEquals(expectedAttempts, server.received().size());
            assertEquals(kind, result.failure().kind());
            assertEquals(status, result.failure().status());
            assertEquals("scripted", result.failure().providerCode());
            assertEquals(retried, kind.retriable());
        }
    }

    @Test
    void a429WithRetryAfterWaitsExactlyWhatTheServerAskedBeforeEachRetry() throws Exception {
        LoopbackServer.Reply limited = LoopbackServer.Reply.json(429, ERROR_BODY).withHeader("Retry-After", "7");
        try (LoopbackServer server = new LoopbackServer(limited)) {
            TestClients clients = TestClients.recordingSleeps();
            ChatResult result = clients.client(TestClients.openAi(server, dir, Duration.ofSeconds(5), 1),
                    TestClients.FAST_RETRIES).complete(TestClients.hello());

            assertEquals(Kind.RATE_LIMITED, result.failure().kind());
            assertEquals(List.of(Duration.ofSeconds(7), Duration.ofSeconds(7)), clients.sleeps);
        }
    }

    @Test
    void a503WithoutRetryAfterBacksOffExponentially() throws Exception {
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.Reply.json(503, ERROR_BODY))) {
            TestClients clients = TestClients.recordingSleeps();
            clients.client(TestClients.openAi(server, dir, Duration.ofSeconds(5), 1), TestClients.FAST_RETRIES)
                    .complete(TestClients.hello());

            assertEquals(List.of(Duration.ofMillis(10), Duration.ofMillis(20)), clients.sleeps);
        }
    }
}
