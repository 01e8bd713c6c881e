package io.sparkdistill.teacher.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;

/** Clients pointed at a loopback server, with fast retries and the waits they asked for recorded. */
final class TestClients {
    static final String KEY = "sk-test-PLANTED-4f9c2a7e1b";

    /** Three attempts, 10 ms doubling, no jitter: retries are visible but cost no time. */
    static final RetryPolicy FAST_RETRIES = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40), 2, 0);

    final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    private TestClients() {
    }

    static TestClients recordingSleeps() {
        return new TestClients();
    }

    /** An OpenAI-flavoured endpoint on the server whose key is in a file under {@code dir}. */
    static EndpointConfig openAi(LoopbackServer server, Path dir, Duration timeout, int maxInFlight)
            throws IOException {
        Path keyFile = dir.resolve("teacher.key");
        Files.writeString(keyFile, KEY + "\n");
        return new EndpointConfig(Provider.OPENAI, server.baseUrl(), "gpt-4o-mini", null, null, keyFile.toString(),
                Map.of(), timeout, maxInFlight);
    }

    /** A client that records the backoff waits instead of sleeping. */
    ChatCompletionsClient client(EndpointConfig endpoint, RetryPolicy policy) {
        return new ChatCompletionsClient(endpoint, policy, RateLimiter.unlimited(), name -> null, sleeps::add,
                RandomGenerator.of("L64X128MixRandom"), Clock.systemUTC());
    }

    static ChatRequest hello() {
        return new ChatRequest(List.of(ChatMessage.user("Say hello")), GenerationParameters.defaults());
    }
}
