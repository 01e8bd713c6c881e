package io.sparkdistill.teacher.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.teacher.api.ChatMessage;
import io.sparkdistill.teacher.api.ChatRequest;
import io.sparkdistill.teacher.api.EndpointConfig;
import io.sparkdistill.teacher.api.GenerationParameters;
import io.sparkdistill.teacher.api.Provider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchRequestLineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ChatRequest REQUEST = new ChatRequest(
            List.of(ChatMessage.system("You label."), ChatMessage.user("Premise: a\nline break")),
            new GenerationParameters(0.0, 16, null, null, 7L, null, true, 5));

    private static EndpointConfig endpoint(Provider provider, String baseUrl, String model, String apiVersion) {
        return new EndpointConfig(provider, baseUrl, model, apiVersion, "KEY", null, Map.of(),
                Duration.ofSeconds(30), 4);
    }

    @Test
    void anOpenAiLineCarriesTheExampleIdTheV1UrlAndTheModelInTheBody() throws Exception {
        BatchRequestLine line = BatchRequestLine.of("ex-1", REQUEST,
                endpoint(Provider.OPENAI, "https://api.openai.com/v1", "gpt-4o-mini", null));
        String text = line.toJson();
        assertFalse(text.contains("\n"), "one JSON object per line");

        JsonNode json = JSON.readTree(text);
        assertEquals("ex-1", json.get("custom_id").asText());
        assertEquals("POST", json.get("method").asText());
        assertEquals("/v1/chat/completions", json.get("url").asText());
        JsonNode body = json.get("body");
        assertEquals("gpt-4o-mini", body.get("model").asText());
        assertEquals("system", body.get("messages").get(0).get("role").asText());
        assertEquals("Premise: a\nline break", body.get("messages").get(1).get("content").asText());
        assertEquals(16, body.get("max_tokens").asInt());
        assertTrue(body.get("logprobs").asBoolean());
        assertEquals(5, body.get("top_logprobs").asInt());
    }

    @Test
    void anAzureLineUsesTheShortUrlAndNamesTheDeploymentAsTheModel() throws Exception {
        BatchRequestLine line = BatchRequestLine.of("ex-2", REQUEST,
                endpoint(Provider.AZURE_OPENAI, "https://res.openai.azure.com", "gpt-4o-batch", "2024-10-21"));
        JsonNode json = JSON.readTree(line.toJson());
        assertEquals("/chat/completions", json.get("url").asText());
        assertEquals("gpt-4o-batch", json.get("body").get("model").asText());
    }

    @Test
    void anAzureAiInferenceEndpointIsRefusedBecauseItHasNoBatchApi() {
        EndpointConfig inference = endpoint(Provider.AZURE_AI_INFERENCE, "https://x.models.ai.azure.com", "phi",
                "2024-05-01-preview");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchRequestLine.of("ex-3", REQUEST, inference));
        assertTrue(e.getMessage().contains("azure-ai-inference"), e.getMessage());
    }

    @Test
    void aLineWithoutAnExampleIdIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new BatchRequestLine(" ", BatchFlavour.OPENAI, "gpt-4o", REQUEST));
    }
}
