package io.sparkdistill.teacher.api;

import io.sparkdistill.teacher.api.TeacherCallException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointConfigTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private static EndpointConfig endpoint(Provider provider, String baseUrl, String model, String apiVersion) {
        return new EndpointConfig(provider, baseUrl, model, apiVersion, "TEACHER_KEY", null,
                Map.of("X-Team", "distill"), TIMEOUT, 4);
    }

    private static HttpHeaders headersSent(EndpointConfig endpoint, Optional<Secret> key) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint.chatCompletionsUri());
        endpoint.applyHeaders(builder, key);
        return builder.GET().build().headers();
    }

    @Test
    void openAiUsesChatCompletionsUnderTheBaseUrlAndABearerToken() {
        EndpointConfig e = endpoint(Provider.OPENAI, "https://api.openai.com/v1/", "gpt-4o", null);
        assertEquals(URI.create("https://api.openai.com/v1/chat/completions"), e.chatCompletionsUri());
        HttpHeaders h = headersSent(e, Optional.of(new Secret("sk-abc")));
        assertEquals(Optional.of("Bearer sk-abc"), h.firstValue("Authorization"));
        assertEquals(Optional.of("distill"), h.firstValue("X-Team"));
        assertTrue(h.firstValue("api-key").isEmpty());
        assertEquals(Optional.of("gpt-4o"), e.bodyModel());
    }

    @Test
    void azureOpenAiPutsTheDeploymentAndApiVersionInTheUrlAndTheKeyInApiKey() {
        EndpointConfig e = endpoint(Provider.AZURE_OPENAI, "https://my-res.openai.azure.com", "gpt4o-prod",
                "2024-10-21");
        assertEquals(URI.create("https://my-res.openai.azure.com/openai/deployments/gpt4o-prod/chat/completions"
                + "?api-version=2024-10-21"), e.chatCompletionsUri());
        HttpHeaders h = headersSent(e, Optional.of(new Secret("azure-key")));
        assertEquals(Optional.of("azure-key"), h.firstValue("api-key"));
        assertTrue(h.firstValue("Authorization").isEmpty());
        assertEquals(Optional.empty(), e.bodyModel(), "Azure OpenAI names the model by its deployment URL");
    }

    @Test
    void azureAiInferenceUsesChatCompletionsWithApiVersionAndTheModelInTheBody() {
        EndpointConfig e = endpoint(Provider.AZURE_AI_INFERENCE, "https://my-hub.services.ai.azure.com/models",
                "DeepSeek-V3", "2024-05-01-preview");
        assertEquals(URI.create("https://my-hub.services.ai.azure.com/models/chat/completions"
                + "?api-version=2024-05-01-preview"), e.chatCompletionsUri());
        assertEquals(Optional.of("k"), headersSent(e, Optional.of(new Secret("k"))).firstValue("api-key"));
        assertEquals(Optional.of("DeepSeek-V3"), e.bodyModel());
    }

    @Test
    void aGenericServerWithoutAKeyGetsNoAuthHeader() {
        EndpointConfig e = new EndpointConfig(Provider.GENERIC, "http://localhost:11434/v1", "llama3.1:8b", null,
                null, null, Map.of(), TIMEOUT, 8);
        assertEquals(Optional.empty(), e.apiKey(name -> "should not be asked"));
        assertTrue(headersSent(e, Optional.empty()).firstValue("Authorization").isEmpty());
        assertEquals(URI.create("http://localhost:11434/v1/chat/completions"), e.chatCompletionsUri());
    }

    @Test
    void theKeyIsLookedUpInTheEnvironmentAtCallTime() {
        EndpointConfig e = endpoint(Provider.OPENAI, "https://api.openai.com/v1", "gpt-4o", null);
        Map<String, String> env = new java.util.HashMap<>(Map.of("TEACHER_KEY", "sk-first"));
        assertEquals("sk-first", e.apiKey(env::get).orElseThrow().reveal());
        env.put("TEACHER_KEY", "sk-rotated");
        assertEquals("sk-rotated", e.apiKey(env::get).orElseThrow().reveal());
    }

    @Test
    void theKeyFileIsReadTrimmedOfItsNewline() throws Exception {
        Path file = dir.resolve("key");
        Files.writeString(file, "sk-from-file\n");
        EndpointConfig e = new EndpointConfig(Provider.OPENAI, "https://x/v1", "m", null, null, file.toString(),
                Map.of(), TIMEOUT, 1);
        assertEquals("sk-from-file", e.apiKey(name -> null).orElseThrow().reveal());
    }

    @Test
    void anUnsetVariableIsAConfigurationErrorNamingTheVariable() {
        EndpointConfig e = endpoint(Provider.OPENAI, "https://api.openai.com/v1", "gpt-4o", null);
        TeacherCallException ex = assertThrows(TeacherCallException.class, () -> e.apiKey(name -> null));
        assertEquals(Kind.CONFIGURATION, ex.kind());
        assertFalse(ex.retriable());
        assertTrue(ex.getMessage().contains("TEACHER_KEY"), ex.getMessage());
    }

    @Test
    void badValuesAreRejectedNamingTheFieldAndTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> endpoint(Provider.AZURE_OPENAI, "https://r.openai.azure.com", "dep", null));
        assertTrue(e.getMessage().contains("apiVersion") && e.getMessage().contains("azure-openai"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> endpoint(Provider.OPENAI, "api.openai.com/v1", "gpt-4o", null));
        assertTrue(e.getMessage().contains("baseUrl") && e.getMessage().contains("api.openai.com/v1"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Provider.fromConfigName("anthropic"));
        assertTrue(e.getMessage().contains("anthropic") && e.getMessage().contains("azure-ai-inference"),
                e.getMessage());
    }

    @Test
    void aKeyCannotBeSmuggledInThroughTheExtraHeaders() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EndpointConfig(Provider.GENERIC, "http://h/v1", "m", null, null, null,
                        Map.of("Authorization", "Bearer sk-in-yaml"), TIMEOUT, 1));
        assertTrue(e.getMessage().contains("Authorization"), e.getMessage());
        assertFalse(e.getMessage().contains("sk-in-yaml"), e.getMessage());
    }

    @Test
    void theConfigIsSerializableForShippingToExecutors() throws Exception {
        EndpointConfig e = endpoint(Provider.AZURE_OPENAI, "https://r.openai.azure.com", "dep", "2024-10-21");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(e);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(e, in.readObject());
        }
    }
}
