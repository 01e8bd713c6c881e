package io.sparkdistill.teacher.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.teacher.api.TeacherCallException.Kind;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Stream shapes the recorded fixtures do not show (those are covered in {@link ProviderFixturesTest}). */
class ChatStreamAssemblerTest {
    private final ChatStreamAssembler assembler = new ChatStreamAssembler(new ObjectMapper());

    @Test
    void crlfLineEndingsCommentsAndInterleavedChoicesAreAssembledPerChoice() {
        String stream = ": keep-alive\r\n\r\n"
                + "data: {\"id\":\"a\",\"choices\":[{\"index\":1,\"delta\":{\"content\":\"B\"}}]}\r\n\r\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"A\"}}]}\r\n\r\n"
                + "event: message\r\ndata: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"},"
                + "\"finish_reason\":\"stop\"},{\"index\":1,\"delta\":{},\"finish_reason\":\"length\"}]}\r\n\r\n"
                + "data: [DONE]\r\n\r\n";
        ChatResponse response = assembler.assemble(stream, 200);

        assertEquals("a", response.id());
        assertEquals("Aa", response.choices().get(0).content());
        assertEquals("stop", response.choices().get(0).finishReason());
        assertEquals("B", response.choices().get(1).content());
        assertEquals("length", response.choices().get(1).finishReason());
        assertNull(response.usage());
    }

    @Test
    void anErrorEventInTheStreamIsARetriableServerError() {
        String stream = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"par\"}}]}\n\n"
                + "data: {\"error\":{\"message\":\"upstream overloaded\",\"code\":502}}\n\n";
        TeacherCallException e = assertThrows(TeacherCallException.class, () -> assembler.assemble(stream, 200));
        assertEquals(Kind.SERVER_ERROR, e.kind());
        assertEquals("teacher stream ended with an error: upstream overloaded", e.getMessage());
    }

    @Test
    void aStreamWithoutChunksOrWithABrokenChunkIsMalformed() {
        assertEquals(Kind.MALFORMED_RESPONSE,
                assertThrows(TeacherCallException.class, () -> assembler.assemble("data: [DONE]\n\n", 200)).kind());
        assertEquals(Kind.MALFORMED_RESPONSE,
                assertThrows(TeacherCallException.class, () -> assembler.assemble("data: {\"cho\n\n", 200)).kind());
    }
}
