package io.sparkdistill.teacher.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RationaleParserTest {

    @Test
    void aBareObjectIsRead() {
        assertEquals(new RationaleParser.Rationale("Because.", "neutral"),
                RationaleParser.parse(" {\"reason\": \"Because.\", \"answer\": \"neutral\", \"confidence\": 0.9} "));
    }

    @Test
    void anObjectInAFencedBlockWithTextAroundItIsRead() {
        assertEquals(new RationaleParser.Rationale("It says 1889.", "1889"), RationaleParser.parse("""
                Here is my answer:
                ```json
                {"reason": "It says 1889.", "answer": "1889"}
                ```
                """));
        assertEquals(new RationaleParser.Rationale("r", "a"),
                RationaleParser.parse("```\n{\"reason\": \"r\", \"answer\": \"a\"}\n```"));
    }

    @Test
    void aNumericAnswerIsReadAsText() {
        assertEquals("1000.5", RationaleParser.parse("{\"reason\": \"r\", \"answer\": 1000.5}").answer());
    }

    @Test
    void schemaErrorsSayWhatIsWrong() {
        assertTrue(message("{\"reason\": \"r\"}").equals("\"answer\" must be a non-blank string but is missing"));
        assertTrue(message("{\"reason\": 3, \"answer\": \"a\"}").equals(
                "\"reason\" must be a non-blank string but is number"));
        assertTrue(message("{\"reason\": \"r\", \"answer\": \" \"}").endsWith("but is blank"));
        assertTrue(message("[\"r\", \"a\"]").startsWith("expected a JSON object but got array"));
        assertTrue(message("The answer is neutral.").startsWith("not JSON"));
        assertTrue(message("{\"reason\": \"r\", \"answer\": \"a\"} I hope this helps!").startsWith("not JSON"));
    }

    private static String message(String content) {
        return assertThrows(IllegalArgumentException.class, () -> RationaleParser.parse(content)).getMessage();
    }
}
