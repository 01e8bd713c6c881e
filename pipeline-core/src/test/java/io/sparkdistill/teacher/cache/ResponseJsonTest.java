package io.sparkdistill.teacher.cache;

import io.sparkdistill.teacher.api.ChatResponse;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResponseJsonTest {

    @Test
    void aResponseReadsBackEqualWithItsChoicesLogprobsAndUsage() {
        ChatResponse response = new ChatResponse(List.of(
                new ChatResponse.Choice(0, "billing", null, "thinking...", "stop", 0, List.of(
                        new ChatResponse.TokenLogprob("bill", -0.1, List.of(new ChatResponse.TopLogprob("bill", -0.1),
                                new ChatResponse.TopLogprob("ref", -2.4))))),
                new ChatResponse.Choice(1, null, "I can't help with that.", null, "stop", 0, List.of())),
                new ChatResponse.Usage(31, 2, 33), "gpt-4o-2024-08-06", "chatcmpl-1");
        assertEquals(response, ResponseJson.read(ResponseJson.write(response), "test"));
    }

    @Test
    void aResponseWithoutUsageReadsBackWithoutUsage() {
        ChatResponse response = new ChatResponse(List.of(new ChatResponse.Choice(0, "42", null, null, null, 0,
                null)), null, null, null);
        assertEquals(response, ResponseJson.read(ResponseJson.write(response), "test"));
    }

    @Test
    void anEntryCachedBeforeThinkBlocksWereSplitIsReadWithItsReasoningApartAndNoToolCalls() {
        ChatResponse response = ResponseJson.read("{\"choices\":[{\"index\":0,\"content\":\"<think>The charge"
                + " was doubled.</think>billing\",\"finishReason\":\"stop\",\"logprobs\":[]}]}", "key 1b2c");
        ChatResponse.Choice choice = response.choices().get(0);
        assertEquals("billing", choice.content());
        assertEquals("The charge was doubled.", choice.reasoning());
        assertEquals(0, choice.toolCalls());
    }

    @Test
    void anUnreadableEntryNamesItselfAndHowToRecover() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ResponseJson.read("{\"choices\": 3}", "key 0f3a"));
        assertTrue(e.getMessage().contains("key 0f3a") && e.getMessage().contains("delete the teacher cache"),
                e.getMessage());
    }
}
