package io.sparkdistill.teacher.cache;

import io.sparkdistill.teacher.api.ChatResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalEntryTest {
    private static final ChatResponse RESPONSE = new ChatResponse(
            List.of(new ChatResponse.Choice(0, "billing \"twice\"\nand a line", null, null, "stop", 0, List.of())),
            new ChatResponse.Usage(12, 3, 15), "gpt-test", "chatcmpl-1");
    private static final JournalEntry ENTRY = new JournalEntry("0123abcd", "teacher-fp", "classification-v2",
            ResponseJson.write(RESPONSE), 12, 3);

    @Test
    void anEntryIsOneLineThatReadsBackAsTheSameEntryAndResponse() {
        String line = ENTRY.toLine();

        assertTrue(line.endsWith("\n"));
        assertEquals(1, line.split("\n", -1).length - 1, "exactly one newline, at the end");
        JournalEntry read = JournalEntry.parse(line.strip()).orElseThrow();
        assertEquals(ENTRY, read);
        assertEquals(RESPONSE, ResponseJson.read(read.response(), "in the test"));
    }

    @Test
    void everyCutOfALineShortOfTheWholeIsSkippedAsTorn() {
        String line = ENTRY.toLine().strip();
        for (int length = 0; length < line.length(); length++) {
            assertEquals(Optional.empty(), JournalEntry.parse(line.substring(0, length)),
                    "a line cut after " + length + " characters");
        }
    }

    @Test
    void linesThatAreNotWholeEntriesAreSkipped() {
        assertEquals(Optional.empty(), JournalEntry.parse(""));
        assertEquals(Optional.empty(), JournalEntry.parse("   "));
        assertEquals(Optional.empty(), JournalEntry.parse("{\"prompt_key\": \"k\"}"));
        assertEquals(Optional.empty(), JournalEntry.parse("[1, 2]"));
        assertEquals(Optional.empty(), JournalEntry.parse("\u0000\u0000\u0000"));
    }
}
