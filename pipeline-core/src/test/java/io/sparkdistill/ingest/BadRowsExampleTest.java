package io.sparkdistill.ingest;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The shipped quarantine demonstration ({@code data-samples/customer-support/bad-rows-example.jsonl}) breaks in
 * exactly the ways its documentation lists: one line per kind of bad input, each set aside with its line and field.
 */
class BadRowsExampleTest {
    private static final Path FILE = Path.of("..", "data-samples", "customer-support", "bad-rows-example.jsonl");
    private static final List<String> LABELS = List.of("billing", "cancel_subscription", "technical_issue",
            "shipping_delivery", "account_access", "refund_request", "product_question");

    @Test
    void everyLineOfTheDemonstrationIsQuarantinedForItsDocumentedReason() throws IOException {
        ExampleParser parser = new ExampleParser(TaskType.CLASSIFICATION, LABELS);
        List<QuarantinedRow> rows = new ArrayList<>();
        List<byte[]> lines = lines(Files.readAllBytes(FILE));
        for (int i = 0; i < lines.size(); i++) {
            ParsedRow parsed = parser.parseJsonLine(lines.get(i), Split.TRAIN, FILE.getFileName().toString(), i + 1);
            rows.add(assertInstanceOf(ParsedRow.Rejected.class, parsed, "line " + (i + 1) + " is not valid").row());
        }
        assertEquals(List.of(QuarantineReason.MALFORMED_JSON, QuarantineReason.MISSING_FIELD,
                QuarantineReason.WRONG_TYPE, QuarantineReason.EMPTY_FIELD, QuarantineReason.UNKNOWN_LABEL,
                QuarantineReason.MISSING_FIELD, QuarantineReason.TRAILING_DATA, QuarantineReason.DUPLICATE_FIELD,
                QuarantineReason.INVALID_UTF8), rows.stream().map(QuarantinedRow::reason).toList());
        assertEquals(Arrays.asList(null, "text", "text", "text", "label", "label", null, "label", "text"),
                rows.stream().map(QuarantinedRow::field).toList());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(i + 1, rows.get(i).sourceLine());
        }
    }

    /** The file's lines as bytes, split at LF as JSON Lines defines them, so that line 9's Latin-1 byte survives. */
    private static List<byte[]> lines(byte[] file) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < file.length; i++) {
            if (file[i] == '\n') {
                lines.add(Arrays.copyOfRange(file, start, i));
                start = i + 1;
            }
        }
        return lines;
    }
}
