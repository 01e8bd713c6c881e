package io.sparkdistill.teacher.api;

import io.sparkdistill.error.UrlCredentials;

import io.sparkdistill.teacher.TeacherInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Credentials written into {@code base_url} (a user and password, or a key in the query as gateways take it) are
 * used for the request and masked everywhere the URL is shown, and they do not change the teacher's fingerprint.
 */
class UrlCredentialsTest {
    private static final String PASSWORD = "pw-PLANTED-77a1";

    @TempDir
    Path dir;

    private static EndpointConfig generic(String baseUrl) {
        return new EndpointConfig(Provider.GENERIC, baseUrl, "llama", null, null, null, Map.of(),
                Duration.ofSeconds(5), 1);
    }

    private static String fingerprint(EndpointConfig endpoint) {
        return ApiTeacherProvenance.of(endpoint, GenerationParameters.defaults()).modelFingerprint();
    }

    @Test
    void userInfoAndSecretQueryValuesAreMaskedInAnyText() {
        assertEquals("see https://****@h.example/v1 now",
                UrlCredentials.redact("see https://alice:" + PASSWORD + "@h.example/v1 now"));
        assertEquals("https://h/v1?api-version=2024-10-21&api-key=****&sig=****&code=****&sv=2022",
                UrlCredentials.redact("https://h/v1?api-version=2024-10-21&api-key=abc&sig=x%2By&code=c0de&sv=2022"));
        assertEquals("https://****@h/v1", UrlCredentials.redact("https://a:p@ss@h/v1"), "a raw @ in the password");
        assertEquals("mail bob@example.com or https://h/v1?user=bob@example.com",
                UrlCredentials.redact("mail bob@example.com or https://h/v1?user=bob@example.com"));
    }

    @Test
    void theUserAndPasswordAreSentAsBasicAuthAndNotInTheRequestUrl() throws Exception {
        String ok = "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"fine\"},\"finish_reason\":\"stop\"}]}";
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.Reply.json(200, ok))) {
            String url = server.baseUrl().replace("http://", "http://proxy%40user:" + PASSWORD + "@")
                    + "?gateway-key=gk1";
            EndpointConfig endpoint = generic(url);
            ChatResult result = TestClients.recordingSleeps().client(endpoint, TestClients.FAST_RETRIES)
                    .complete(TestClients.hello());

            assertTrue(result.succeeded(), String.valueOf(result.failure()));
            LoopbackServer.Received request = server.received().get(0);
            String expected = "Basic " + Base64.getEncoder().encodeToString(("proxy@user:" + PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
            assertEquals(expected, request.header("Authorization"));
            assertEquals("/v1/chat/completions", request.path());
            assertEquals("gateway-key=gk1", request.query(), "the query reaches the server");
            assertFalse(endpoint.chatCompletionsUri().toString().contains(PASSWORD));
        }
    }

    @Test
    void aQueryInTheBaseUrlIsKeptBesideAzuresApiVersion() {
        EndpointConfig azure = new EndpointConfig(Provider.AZURE_OPENAI, "https://r.openai.azure.com/?sig=s1",
                "gpt4o", "2024-10-21", "AZURE_KEY", null, Map.of(), Duration.ofSeconds(5), 1);
        assertEquals(URI.create("https://r.openai.azure.com/openai/deployments/gpt4o/chat/completions"
                + "?sig=s1&api-version=2024-10-21"), azure.chatCompletionsUri());
    }

    @Test
    void theUrlIsMaskedInProvenanceToStringAndErrors() {
        EndpointConfig endpoint = generic("https://alice:" + PASSWORD + "@h.example/v1?key=k-" + PASSWORD);
        TeacherInfo info = ApiTeacherProvenance.of(endpoint, GenerationParameters.defaults());
        assertEquals("https://****@h.example/v1?key=****", info.details().get("baseUrl"));
        assertFalse(info.toString().contains(PASSWORD), info.toString());
        assertFalse(endpoint.toString().contains(PASSWORD), endpoint.toString());
        assertTrue(endpoint.toString().contains("https://****@h.example/v1"), endpoint.toString());

        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> generic("https://alice:" + PASSWORD + "@h example/v1"));
        assertFalse(bad.getMessage().contains(PASSWORD), bad.getMessage());
        assertTrue(bad.getMessage().contains("baseUrl"), bad.getMessage());
        bad = assertThrows(IllegalArgumentException.class, () -> generic("http://u:" + PASSWORD + "@vllm_1:8000/v1"));
        assertTrue(bad.getMessage().contains("no '_'") && bad.getMessage().contains("http://****@vllm_1:8000/v1"),
                bad.getMessage());
    }

    @Test
    void rotatingTheUrlsCredentialsKeepsTheFingerprintAndMovingTheServerChangesIt() {
        String before = fingerprint(generic("https://alice:old-" + PASSWORD + "@h.example/v1?sig=one"));
        String after = fingerprint(generic("https://alice:new-" + PASSWORD + "@h.example/v1?sig=two"));
        assertEquals(before, after);
        assertNotEquals(before, fingerprint(generic("https://alice:new-" + PASSWORD + "@other.example/v1?sig=two")));
        assertEquals("https://h.example/v1", ApiTeacherProvenance.of(generic("https://h.example/v1/"),
                GenerationParameters.defaults()).details().get("baseUrl"),
                "a URL without credentials is fingerprinted as before, so earlier paid answers still match");
    }

    @Test
    void aUserAndPasswordBesideABearerKeyAreRefusedAsTwoClaimsOnOneHeader() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EndpointConfig(Provider.OPENAI, "https://alice:" + PASSWORD + "@api.example/v1", "m",
                        null, "OPENAI_API_KEY", null, Map.of(), Duration.ofSeconds(5), 1));
        assertTrue(e.getMessage().contains("Authorization") && e.getMessage().contains("apiKeyEnv"), e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
    }
}
