package io.sparkdistill.teacher.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A planted key reaches the server and nothing else: no message, no toString, no result. */
class SecretLeakTest {
    @TempDir
    Path dir;

    private static void assertNoKey(String what, Object value) {
        assertFalse(String.valueOf(value).contains(TestClients.KEY), what + " leaks the key: " + value);
    }

    @Test
    void aKeyFromAFileIsSentButNeverEchoedInTheFailureEvenWhenTheServerRepeatsIt() throws Exception {
        String echo = "{\"error\":{\"message\":\"Incorrect API key provided: " + TestClients.KEY
                + ". You can find your API key at https://platform.openai.com/account/api-keys.\","
                + "\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}";
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.Reply.json(401, echo))) {
            EndpointConfig endpoint = TestClients.openAi(server, dir, Duration.ofSeconds(5), 1);
            ChatResult result = TestClients.recordingSleeps().client(endpoint, TestClients.FAST_RETRIES)
                    .complete(TestClients.hello());

            assertEquals("Bearer " + TestClients.KEY, server.received().get(0).header("Authorization"));
            assertTrue(result.failure().message().contains("Incorrect API key provided: ****"),
                    result.failure().message());
            assertNoKey("failure message", result.failure().message());
            assertNoKey("result", result);
            assertNoKey("endpoint config", endpoint);
        }
    }

    @Test
    void aKeyFromTheEnvironmentIsSentAsAzureApiKeyAndAppearsInNoSuccessfulResult() throws Exception {
        String ok = "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"fine\"},\"finish_reason\":\"stop\"}]}";
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.Reply.json(200, ok))) {
            EndpointConfig endpoint = new EndpointConfig(Provider.AZURE_OPENAI, server.baseUrl(), "gpt4o-prod",
                    "2024-10-21", "AZURE_OPENAI_API_KEY", null, Map.of(), Duration.ofSeconds(5), 1);
            Map<String, String> env = Map.of("AZURE_OPENAI_API_KEY", TestClients.KEY);
            ChatResult result = new ChatCompletionsClient(endpoint, TestClients.FAST_RETRIES,
                    RateLimiter.unlimited(), env::get, Sleeper.system(), RandomGenerator.of("L64X128MixRandom"),
                    Clock.systemUTC()).complete(TestClients.hello());

            LoopbackServer.Received request = server.received().get(0);
            assertEquals(TestClients.KEY, request.header("api-key"));
            assertEquals("/v1/openai/deployments/gpt4o-prod/chat/completions", request.path());
            assertEquals("api-version=2024-10-21", request.query());
            assertFalse(request.body().contains("\"model\""));
            assertTrue(result.succeeded());
            assertNoKey("result", result);
            assertNoKey("endpoint config", endpoint);
        }
    }

    @Test
    void aSecretPrintsAsStars() {
        Secret secret = new Secret(TestClients.KEY);
        assertEquals("****", secret.toString());
        assertEquals("key=****;", secret.redact("key=" + TestClients.KEY + ";"));
    }
}
