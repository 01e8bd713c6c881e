package io.sparkdistill.teacher.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChatRequestTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void theBodyCarriesTheModelMessagesAndOnlyTheParametersThatAreSet() {
        GenerationParameters p = new GenerationParameters(0.2, 16, 0.9, 2, 42L, List.of("\n\n"), true, 5);
        JsonNode body = new ChatRequest(List.of(ChatMessage.system("Label it."), ChatMessage.user("A cat.")), p)
                .toJson(mapper, Optional.of("gpt-4o"));

        assertEquals("gpt-4o", body.get("model").asText());
        assertEquals("system", body.get("messages").get(0).get("role").asText());
        assertEquals("A cat.", body.get("messages").get(1).get("content").asText());
        assertEquals(0.2, body.get("temperature").asDouble());
        assertEquals(16, body.get("max_tokens").asInt());
        assertEquals(0.9, body.get("top_p").asDouble());
        assertEquals(2, body.get("n").asInt());
        assertEquals(42, body.get("seed").asLong());
        assertEquals("\n\n", body.get("stop").get(0).asText());
        assertTrue(body.get("logprobs").asBoolean());
        assertEquals(5, body.get("top_logprobs").asInt());
        assertFalse(body.has("stream"));
    }

    @Test
    void defaultsSendTheSourcesTemperatureAndLeaveTheRestToTheServer() {
        JsonNode body = TestClients.hello().toJson(mapper, Optional.empty());
        assertEquals(0.7, body.get("temperature").asDouble());
        for (String absent : List.of("model", "max_tokens", "top_p", "n", "seed", "stop", "logprobs",
                "top_logprobs", "stream")) {
            assertFalse(body.has(absent), absent + " should not be sent");
        }
    }

    @Test
    void theTokenEstimateCountsThePromptAndTheCompletionsAskedFor() {
        ChatRequest request = new ChatRequest(List.of(ChatMessage.user("x".repeat(400))),
                new GenerationParameters(null, 50, null, 3, null, null, false, null));
        // 400 + 4 ("user") characters at 4 per token, plus one, plus 3 completions of 50
        assertEquals(101 + 1 + 150, request.estimatedTokens());
    }

    @Test
    void parametersOutOfRangeAreRejectedNamingTheFieldAndTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GenerationParameters(2.5, null, null, null, null, null, false, null));
        assertTrue(e.getMessage().contains("temperature") && e.getMessage().contains("2.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new GenerationParameters(null, null, null, null, null, null, false, 3));
        assertTrue(e.getMessage().contains("topLogprobs") && e.getMessage().contains("logprobs"), e.getMessage());
    }
}
