package io.sparkdistill.teacher.api;

import io.sparkdistill.teacher.api.TeacherCallException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real faults on loopback, with real waits: what a nightly run meets from real endpoints. */
@Timeout(20)
class FaultInjectionTest {
    private static final String OK_BODY = "{\"id\":\"chatcmpl-1\",\"model\":\"m\",\"choices\":[{\"index\":0,"
            + "\"message\":{\"role\":\"assistant\",\"content\":\"hello\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}";
    private static final String ERROR_BODY = "{\"error\":{\"message\":\"try later\",\"type\":\"server_error\"}}";

    @TempDir
    Path dir;

    /** Real sleeps, 20 ms doubling, at most {@code attempts} attempts. */
    private ChatCompletionsClient realClient(EndpointConfig endpoint, int attempts) {
        RetryPolicy policy = new RetryPolicy(attempts, Duration.ofMillis(20), Duration.ofMillis(100), 2, 0.5);
        return new ChatCompletionsClient(endpoint, policy, RateLimiter.unlimited(), name -> null, Sleeper.system(),
                RandomGenerator.of("L64X128MixRandom"), Clock.systemUTC());
    }

    @Test
    void a429WithRetryAfterIsRetriedOnlyAfterTheRequestedWait() throws Exception {
        try (LoopbackServer server = new LoopbackServer(
                LoopbackServer.Reply.json(429, ERROR_BODY).withHeader("Retry-After", "1"),
                LoopbackServer.Reply.json(200, OK_BODY))) {
            ChatResult result = realClient(TestClients.openAi(server, dir, Duration.ofSeconds(5), 1), 3)
                    .complete(TestClients.hello());

            assertTrue(result.succeeded());
            assertEquals(2, result.attempts());
            long waitedNanos = server.received().get(1).at() - server.received().get(0).at();
            assertTrue(waitedNanos >= TimeUnit.MILLISECONDS.toNanos(1000), "waited only " + waitedNanos + " ns");
        }
    }

    @Test
    void a500ThenA503ThenSuccessSucceedsOnTheThirdAttempt() throws Exception {
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.Reply.json(500, ERROR_BODY),
                LoopbackServer.Reply.json(503, ERROR_BODY), LoopbackServer.Reply.json(200, OK_BODY))) {
            ChatResult result = realClient(TestClients.openAi(server, dir, Duration.ofSeconds(5), 1), 3)
                    .complete(TestClients.hello());

            assertTrue(result.succeeded());
            assertEquals(3, result.attempts());
            assertEquals("hello", result.response().choices().get(0).content());
            assertEquals(3, result.promptTokens());
            assertEquals(1, result.completionTokens());
        }
    }

    @Test
    void attemptsNeverExceedTheMaximumWhenTheServerKeepsFailing() throws Exception {
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.Reply.json(503, ERROR_BODY))) {
            ChatResult result = realClient(TestClients.openAi(server, dir, Duration.ofSeconds(5), 1), 4)
                    .complete(TestClients.hello());

            assertEquals(4, result.attempts());
            assertEquals(4, server.received().size());
            assertEquals(Kind.SERVER_ERROR, result.failure().kind());
            assertEquals(503, result.failure().status());
        }
    }

    @Test
    void aResponseSlowerThanTheTimeoutIsATimeoutRetriedThenRecorded() throws Exception {
        try (LoopbackServer server = new LoopbackServer(
                LoopbackServer.Reply.json(200, OK_BODY).after(Duration.ofMillis(1500)))) {
            long start = System.nanoTime();
            ChatResult result = realClient(TestClients.openAi(server, dir, Duration.ofMillis(250), 1), 2)
                    .complete(TestClients.hello());
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertEquals(Kind.TIMEOUT, result.failure().kind());
            assertEquals(0, result.failure().status());
            assertEquals(2, result.attempts());
            assertTrue(elapsedMillis < 1400, "two 250 ms attempts took " + elapsedMillis + " ms");
        }
    }

    @Test
    void aBodyThatTricklesInPastTheTimeoutIsATimeoutToo() throws Exception {
        String headersThenStall = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + OK_BODY.length() + "\r\n\r\n" + OK_BODY.substring(0, 20);
        try (RawServer server = RawServer.answeringThenStalling(headersThenStall, Duration.ofMillis(3000))) {
            long start = System.nanoTime();
            ChatResult result = realClient(endpointAt(server.baseUrl(), Duration.ofMillis(300)), 2)
                    .complete(TestClients.hello());
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertEquals(Kind.TIMEOUT, result.failure().kind());
            assertEquals(2, result.attempts());
            assertTrue(elapsedMillis < 2000, "two 300 ms attempts took " + elapsedMillis + " ms");
        }
    }

    @Test
    void aConnectionResetIsRetriedUpToTheMaximumThenRecordedAsAConnectionFailure() throws Exception {
        try (RawServer server = RawServer.resettingEveryConnection()) {
            ChatResult result = realClient(endpointAt(server.baseUrl()), 3).complete(TestClients.hello());

            assertEquals(Kind.CONNECTION, result.failure().kind());
            assertEquals(3, result.attempts());
            assertEquals(3, server.connections.get());
        }
    }

    @Test
    void aBodyCutShortOfItsContentLengthIsAConnectionFailure() throws Exception {
        String cut = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n"
                + OK_BODY.substring(0, 40);
        try (RawServer server = RawServer.answering(cut)) {
            ChatResult result = realClient(endpointAt(server.baseUrl()), 2).complete(TestClients.hello());

            assertEquals(Kind.CONNECTION, result.failure().kind());
            assertEquals(2, result.attempts());
        }
    }

    @Test
    void malformedJsonIn200IsRecordedAsMalformedWithoutPayingForARetry() throws Exception {
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.Reply.json(200, "{\"choices\": [{\"mess"))) {
            ChatResult result = realClient(TestClients.openAi(server, dir, Duration.ofSeconds(5), 1), 3)
                    .complete(TestClients.hello());

            assertEquals(Kind.MALFORMED_RESPONSE, result.failure().kind());
            assertEquals(200, result.failure().status());
            assertEquals(1, result.attempts());
        }
    }

    @Test
    void jsonWithoutChoicesIsMalformedToo() throws Exception {
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.Reply.json(200, "{\"object\":\"list\"}"))) {
            ChatResult result = realClient(TestClients.openAi(server, dir, Duration.ofSeconds(5), 1), 3)
                    .complete(TestClients.hello());

            assertEquals(Kind.MALFORMED_RESPONSE, result.failure().kind());
            assertTrue(result.failure().message().contains("no 'choices'"), result.failure().message());
        }
    }

    @Test
    void truncatedOutputIsReturnedWithFinishReasonLengthNotAsAFailure() throws Exception {
        String truncated = OK_BODY.replace("\"stop\"", "\"length\"");
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.Reply.json(200, truncated))) {
            ChatResult result = realClient(TestClients.openAi(server, dir, Duration.ofSeconds(5), 1), 3)
                    .complete(TestClients.hello());

            assertTrue(result.succeeded());
            assertEquals(1, result.attempts());
            assertTrue(result.response().choices().get(0).truncated());
        }
    }

    @Test
    void noMoreThanMaxInFlightRequestsAreOnTheWireAtOnce() throws Exception {
        try (LoopbackServer server = new LoopbackServer(
                LoopbackServer.Reply.json(200, OK_BODY).after(Duration.ofMillis(150)))) {
            ChatCompletionsClient client = realClient(TestClients.openAi(server, dir, Duration.ofSeconds(5), 2), 3);
            ExecutorService callers = Executors.newFixedThreadPool(6);
            try {
                List<Future<ChatResult>> results = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    results.add(callers.submit(() -> client.complete(TestClients.hello())));
                }
                for (Future<ChatResult> f : results) {
                    ChatResult r = f.get();
                    assertTrue(r.succeeded(), () -> "failed: " + r.failure());
                }
            } finally {
                callers.shutdownNow();
            }
            assertEquals(2, server.maxInProgress());
        }
    }

    @Test
    void aMissingKeyFileIsRecordedAsAConfigurationFailureWithoutCallingTheServer() throws Exception {
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.Reply.json(200, OK_BODY))) {
            EndpointConfig endpoint = new EndpointConfig(Provider.OPENAI, server.baseUrl(), "m", null, null,
                    dir.resolve("absent.key").toString(), Map.of(), Duration.ofSeconds(1), 1);
            ChatResult result = realClient(endpoint, 3).complete(TestClients.hello());

            assertEquals(Kind.CONFIGURATION, result.failure().kind());
            assertEquals(0, result.attempts());
            assertTrue(server.received().isEmpty());
        }
    }

    @Test
    void aCallInterruptedDuringItsBackoffThrowsInterruptedAndKeepsTheFlagInsteadOfRecordingAFailure()
            throws Exception {
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.Reply.json(503, ERROR_BODY))) {
            ChatCompletionsClient client = new ChatCompletionsClient(
                    TestClients.openAi(server, dir, Duration.ofSeconds(5), 1), TestClients.FAST_RETRIES,
                    RateLimiter.unlimited(), name -> null, d -> {
                        throw new InterruptedException("task killed");
                    }, RandomGenerator.of("L64X128MixRandom"), Clock.systemUTC());
            try {
                TeacherCallException e = assertThrows(TeacherCallException.class,
                        () -> client.complete(TestClients.hello()));
                assertEquals(Kind.INTERRUPTED, e.kind());
                assertTrue(Thread.currentThread().isInterrupted());
            } finally {
                Thread.interrupted();
            }
            assertEquals(1, server.received().size());
        }
    }

    private EndpointConfig endpointAt(String baseUrl) throws IOException {
        return endpointAt(baseUrl, Duration.ofSeconds(2));
    }

    private EndpointConfig endpointAt(String baseUrl, Duration timeout) throws IOException {
        Path keyFile = dir.resolve("k");
        Files.writeString(keyFile, TestClients.KEY);
        return new EndpointConfig(Provider.OPENAI, baseUrl, "m", null, null, keyFile.toString(), Map.of(), timeout,
                1);
    }

    /** A socket server that misbehaves below HTTP: resets connections or sends raw bytes and hangs up. */
    private static final class RawServer implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread acceptor;
        final AtomicInteger connections = new AtomicInteger();

        private RawServer(String rawReply, Duration stall) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> serve(rawReply, stall), "raw-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        /** Reads the request head and closes with SO_LINGER 0, which sends a TCP reset. */
        static RawServer resettingEveryConnection() throws IOException {
            return new RawServer(null, Duration.ZERO);
        }

        /** Reads the request head, writes these bytes and closes. */
        static RawServer answering(String rawReply) throws IOException {
            return new RawServer(rawReply, Duration.ZERO);
        }

        /** Reads the request head, writes these bytes, then holds the connection open for {@code stall}. */
        static RawServer answeringThenStalling(String rawReply, Duration stall) throws IOException {
            return new RawServer(rawReply, stall);
        }

        String baseUrl() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
        }

        private void serve(String rawReply, Duration stall) {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    connections.incrementAndGet();
                    readHead(s.getInputStream());
                    if (rawReply == null) {
                        s.setSoLinger(true, 0);
                    } else {
                        OutputStream out = s.getOutputStream();
                        out.write(rawReply.getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        Thread.sleep(stall.toMillis());
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (IOException closedOrReset) {
                    // the next accept decides whether we are still running
                }
            }
        }

        private static void readHead(InputStream in) throws IOException {
            int matched = 0;
            byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            int b;
            while (matched < end.length && (b = in.read()) >= 0) {
                matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
            }
        }

        @Override
        public void close() throws Exception {
            socket.close();
            acceptor.interrupt();
            acceptor.join(2000);
        }
    }
}
