package io.sparkdistill.ingest;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each line of a JSONL file is exactly one JSON object in UTF-8, or it is quarantined saying why. */
class StrictJsonLinesTest {
    private final ExampleParser parser = new ExampleParser(TaskType.CLASSIFICATION, List.of("billing", "refund"));

    @Test
    void twoObjectsOnOneLineAreQuarantinedNotHalfRead() {
        QuarantinedRow row = rejected("{\"text\":\"a\",\"label\":\"billing\"}{\"text\":\"b\",\"label\":\"refund\"}");
        assertEquals(QuarantineReason.TRAILING_DATA, row.reason());
        assertTrue(row.describe().startsWith("train.jsonl line 4: a second JSON value starts at column 31, after the "
                + "first ends at column 30"), row.describe());
    }

    @Test
    void textAfterTheObjectIsQuarantined() {
        QuarantinedRow row = rejected("{\"text\":\"a\",\"label\":\"billing\"} oops");
        assertEquals(QuarantineReason.TRAILING_DATA, row.reason());
        assertTrue(row.message().contains("text after the JSON object, which ends at column 30"), row.message());
        assertEquals(QuarantineReason.TRAILING_DATA, rejected("{\"text\":\"a\",\"label\":\"billing\"}]").reason());
        assertEquals(QuarantineReason.TRAILING_DATA, rejected("{\"text\":\"a\",\"label\":\"billing\"},").reason());
    }

    @Test
    void aKeyGivenTwiceIsQuarantinedNamingTheKey() {
        QuarantinedRow row = rejected("{\"text\":\"a\",\"label\":\"billing\",\"label\":\"refund\"}");
        assertEquals(QuarantineReason.DUPLICATE_FIELD, row.reason());
        assertEquals("label", row.field());
        assertTrue(row.message().contains("appears twice"), row.message());

        ExampleParser conversation = new ExampleParser(TaskType.CONVERSATION, List.of());
        QuarantinedRow nested = rejected(conversation.parseJsonLine(("{\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"hi\",\"content\":\"ho\"}],\"reference\":\"r\"}").getBytes(StandardCharsets.UTF_8), Split.TRAIN,
                "chat.jsonl", 2));
        assertEquals(QuarantineReason.DUPLICATE_FIELD, nested.reason());
        assertEquals("messages/0/content", nested.field());
    }

    @Test
    void invalidUtf8IsQuarantinedNamingTheByteAndTheFieldNotReplacedByU_FFFD() {
        byte[] line = bytes("{\"text\":\"caf", new byte[]{(byte) 0xE9}, "\",\"label\":\"billing\"}");
        QuarantinedRow row = rejected(parser.parseJsonLine(line, Split.TRAIN, "train.jsonl", 5));
        assertEquals(QuarantineReason.INVALID_UTF8, row.reason());
        assertEquals("text", row.field());
        assertEquals("train.jsonl line 5, field 'text': not valid UTF-8: byte 13 of the line (E9) does not decode; "
                + "save the file as UTF-8", row.describe());

        byte[] truncated = bytes("{\"text\":\"ok\",\"label\":\"billing\"}", new byte[]{(byte) 0xE2, (byte) 0x82});
        assertEquals(QuarantineReason.INVALID_UTF8,
                rejected(parser.parseJsonLine(truncated, Split.TRAIN, "train.jsonl", 6)).reason());
    }

    @Test
    void aRawCarriageReturnInsideATextIsQuarantinedWithAHint() {
        QuarantinedRow row = rejected("{\"text\":\"first\rsecond\",\"label\":\"billing\"}");
        assertEquals(QuarantineReason.MALFORMED_JSON, row.reason());
        assertEquals(4, row.sourceLine());
        assertTrue(row.message().contains("written as \\r, lines end at LF only"), row.message());
    }

    @Test
    void aCrlfEndingACarriageReturnBetweenTokensAndAByteOrderMarkOnTheFirstLineAreFine() {
        Example crlf = valid(parser.parseJsonLine(bytes("{\"text\":\"a\",\"label\":\"billing\"}\r"), Split.TRAIN,
                "t", 3));
        assertEquals("a", crlf.inputs().get("text"));
        valid(parser.parseJsonLine(bytes("{\"text\":\"a\",\r\"label\":\"billing\"}"), Split.TRAIN, "t", 3));
        Example bom = valid(parser.parseJsonLine(bytes("\uFEFF{\"text\":\"b\",\"label\":\"refund\"}"), Split.TRAIN,
                "t", 1));
        assertEquals("refund", bom.label());
        assertEquals(QuarantineReason.MALFORMED_JSON, rejected(parser.parseJsonLine(
                bytes("\uFEFF{\"text\":\"b\",\"label\":\"refund\"}"), Split.TRAIN, "t", 2)).reason());
    }

    @Test
    void onlySpacesTabsAndCarriageReturnsMakeABlankLine() {
        assertTrue(JsonLine.isBlank(bytes(" \t\r")));
        assertTrue(JsonLine.isBlank(new byte[0]));
        assertFalse(JsonLine.isBlank(bytes(" x")));
        assertFalse(JsonLine.isBlank(new byte[]{(byte) 0xA0}));
    }

    @Test
    void aMalformedLineNamesNoField() {
        assertNull(rejected("{\"text\": \"a\", oops}").field());
    }

    private QuarantinedRow rejected(String line) {
        return rejected(parser.parseJsonLine(line.getBytes(StandardCharsets.UTF_8), Split.TRAIN, "train.jsonl", 4));
    }

    private static QuarantinedRow rejected(ParsedRow row) {
        return assertInstanceOf(ParsedRow.Rejected.class, row, String.valueOf(row)).row();
    }

    private static Example valid(ParsedRow row) {
        return assertInstanceOf(ParsedRow.Valid.class, row, String.valueOf(row)).example();
    }

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            out.writeBytes(part instanceof byte[] b ? b : part.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
