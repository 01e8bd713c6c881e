package io.sparkdistill.ingest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * One physical line of a JSON Lines file, read strictly: UTF-8 that does not decode, a second value or any text
 * after the object, and a key given twice are each a problem with its own reason, never a guess. A lenient reader
 * would keep the first of two objects, replace bad bytes with U+FFFD, or keep the last of two labels: a row the
 * user did not write. A line is what ends at LF ('\n', as jsonlines.org defines it); the CR of a CRLF ending is
 * dropped, and any other CR stays in the line, where JSON allows it only between tokens.
 */
public final class JsonLine {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    /** The line's JSON object, or what is wrong with the line. */
    public sealed interface Outcome permits Parsed, Problem {
    }

    /** The line held exactly one JSON value. */
    public record Parsed(JsonNode node, String text) implements Outcome {
    }

    /** Why the line cannot be read; {@code field} names where in the object it is, or is null. */
    public record Problem(QuarantineReason reason, String field, String message, String text) implements Outcome {
    }

    private JsonLine() {
    }

    /** True for a line of spaces, tabs and CRs alone: such lines are skipped, as JSON Lines readers do. */
    public static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** Reads the bytes of one line (without its LF); {@code firstLine} lets a UTF-8 byte order mark start it. */
    public static Outcome read(byte[] line, boolean firstLine) {
        int length = line.length > 0 && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
        CharBuffer decoded = CharBuffer.allocate(length);
        ByteBuffer in = ByteBuffer.wrap(line, 0, length);
        CoderResult result = StandardCharsets.UTF_8.newDecoder().decode(in, decoded, true);
        if (result.isError()) {
            int at = in.position();
            String prefix = decoded.flip().toString();
            String bad = HexFormat.ofDelimiter(" ").withUpperCase().formatHex(line, at, at + result.length());
            return new Problem(QuarantineReason.INVALID_UTF8, fieldAtEndOf(prefix),
                    "not valid UTF-8: byte " + (at + 1) + " of the line (" + bad + ") does not decode; save the file "
                            + "as UTF-8", new String(line, 0, length, StandardCharsets.UTF_8));
        }
        String text = decoded.flip().toString();
        if (firstLine && !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
            text = text.substring(1);
        }
        return read(text);
    }

    /** Reads one decoded line. */
    public static Outcome read(String text) {
        try (JsonParser parser = JSON.createParser(text)) {
            JsonNode node;
            try {
                node = JSON.readTree(parser);
            } catch (JsonParseException e) {
                return malformed(parser, e, text);
            }
            return afterValue(parser, node, text);
        } catch (JsonProcessingException e) {
            return new Problem(QuarantineReason.MALFORMED_JSON, null,
                    "not valid JSON (" + e.getOriginalMessage() + ")", text);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
    }

    private static Outcome afterValue(JsonParser parser, JsonNode node, String text) throws IOException {
        if (node == null) {
            return new Problem(QuarantineReason.MALFORMED_JSON, null, "expected a JSON object, found nothing", text);
        }
        int end = parser.currentLocation().getColumnNr();
        try {
            JsonToken next = parser.nextToken();
            if (next == null) {
                return new Parsed(node, text);
            }
            return new Problem(QuarantineReason.TRAILING_DATA, null, "a second JSON value starts at column "
                    + parser.currentTokenLocation().getColumnNr() + ", after the first ends at column " + (end - 1)
                    + "; each line must hold exactly one JSON object", text);
        } catch (JsonParseException e) {
            return new Problem(QuarantineReason.TRAILING_DATA, null, "text after the JSON object, which ends at "
                    + "column " + (end - 1) + " (" + e.getOriginalMessage() + "); each line must hold exactly one "
                    + "JSON object", text);
        }
    }

    private static Problem malformed(JsonParser parser, JsonParseException e, String text) {
        // Jackson names no error type for a duplicate key; its message has said this since 2.3, and a test holds it.
        if (e.getOriginalMessage().startsWith("Duplicate field '")) {
            String field = pathOf(parser.getParsingContext());
            return new Problem(QuarantineReason.DUPLICATE_FIELD, field, "the key '" + field + "' appears twice in "
                    + "one object; which value is meant cannot be told, so give each key once", text);
        }
        String hint = text.indexOf('\r') >= 0 ? "; a carriage return (CR) inside a text must be written as \\r, "
                + "lines end at LF only" : "";
        return new Problem(QuarantineReason.MALFORMED_JSON, null,
                "not valid JSON (" + e.getOriginalMessage() + ")" + hint, text);
    }

    /** Where in the object a line cut at {@code prefix} ends: "text", "messages/0/content", or null. */
    private static String fieldAtEndOf(String prefix) {
        try (JsonParser parser = JSON.createParser(prefix)) {
            try {
                while (parser.nextToken() != null) {
                    if (parser.currentToken() == JsonToken.VALUE_STRING) {
                        parser.getText();
                    }
                }
            } catch (JsonProcessingException e) {
                // Expected: the prefix stops inside a value.
            }
            return pathOf(parser.getParsingContext());
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
    }

    private static String pathOf(JsonStreamContext context) {
        String pointer = context.pathAsPointer().toString();
        return pointer.isEmpty() ? null : pointer.substring(1);
    }
}
