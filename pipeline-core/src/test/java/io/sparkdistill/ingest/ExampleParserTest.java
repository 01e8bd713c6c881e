package io.sparkdistill.ingest;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExampleParserTest {
    private final ExampleParser classification = new ExampleParser(TaskType.CLASSIFICATION, List.of("billing", "refund"));
    private final ExampleParser nli = new ExampleParser(TaskType.NLI, List.of("entailment", "neutral", "contradiction"));

    @Test
    void aWellFormedLineBecomesAnExampleWithItsSourceLocation() {
        ParsedRow row = classification.parseJsonLine("{\"text\": \" I was charged twice \", \"label\": \"billing\"}",
                Split.TRAIN, "train.jsonl", 7);
        Example example = assertInstanceOf(ParsedRow.Valid.class, row).example();
        assertEquals("I was charged twice", example.inputs().get("text"));
        assertEquals("billing", example.label());
        assertEquals("train.jsonl", example.sourceFile());
        assertEquals(7, example.sourceLine());
        assertEquals(List.of("I was charged twice"), example.segments());
    }

    @Test
    void theSameContentAlwaysGetsTheSameIdAndOtherContentAnother() {
        Example a = valid(classification.parseJsonLine("{\"text\":\"hello\",\"label\":\"billing\"}", Split.TRAIN, "a", 1));
        Example b = valid(classification.parseJsonLine("{\"label\":\"billing\",\"text\":\"hello\",\"extra\":1}", Split.TRAIN, "b", 9));
        Example c = valid(classification.parseJsonLine("{\"text\":\"hello!\",\"label\":\"billing\"}", Split.TRAIN, "a", 2));
        assertEquals(a.id(), b.id());
        assertNotEquals(a.id(), c.id());
    }

    @Test
    void aMalformedLineIsQuarantinedWithFileAndLine() {
        QuarantinedRow row = rejected(classification.parseJsonLine("{\"text\": \"oops\"", Split.TRAIN, "train.jsonl", 3));
        assertEquals(QuarantineReason.MALFORMED_JSON, row.reason());
        assertTrue(row.describe().startsWith("train.jsonl line 3: not valid JSON"), row.describe());
    }

    @Test
    void eachKindOfBadFieldIsNamedWithItsReason() {
        assertReason(QuarantineReason.MISSING_FIELD, "text", "{\"label\":\"billing\"}");
        assertReason(QuarantineReason.MISSING_FIELD, "text", "{\"text\":null,\"label\":\"billing\"}");
        assertReason(QuarantineReason.WRONG_TYPE, "text", "{\"text\":42,\"label\":\"billing\"}");
        assertReason(QuarantineReason.EMPTY_FIELD, "text", "{\"text\":\"  \",\"label\":\"billing\"}");
        assertReason(QuarantineReason.UNKNOWN_LABEL, "label", "{\"text\":\"hi\",\"label\":\"shipping\"}");
        assertReason(QuarantineReason.MISSING_FIELD, "label", "{\"text\":\"hi\"}");
        assertReason(QuarantineReason.MALFORMED_JSON, null, "[1, 2]");
    }

    @Test
    void nliRowsNeedBothPremiseAndHypothesis() {
        QuarantinedRow row = rejected(nli.parseJsonLine("{\"premise\":\"A dog runs.\",\"label\":\"neutral\"}",
                Split.TEST, "test.jsonl", 1));
        assertEquals("hypothesis", row.field());
        Example ok = valid(nli.parseJsonLine("{\"premise\":\"A dog runs.\",\"hypothesis\":\"An animal moves.\","
                + "\"label\":\"entailment\"}", Split.TEST, "test.jsonl", 2));
        assertEquals(List.of("A dog runs.", "An animal moves."), ok.segments());
    }

    @Test
    void typedParquetValuesGetTheSameVerdictsAsJson() {
        Map<String, Object> values = new HashMap<>();
        values.put("text", 3.5);
        values.put("label", "billing");
        QuarantinedRow row = rejected(classification.parseValues(values, Split.TRAIN, "part-0.parquet", 4));
        assertEquals(QuarantineReason.WRONG_TYPE, row.reason());
        assertEquals(4, row.sourceLine());

        Example fromParquet = valid(classification.parseValues(Map.of("text", "hello", "label", "billing"),
                Split.TRAIN, "part-0.parquet", 5));
        Example fromJson = valid(classification.parseJsonLine("{\"text\":\"hello\",\"label\":\"billing\"}",
                Split.TRAIN, "train.jsonl", 1));
        assertEquals(fromJson.id(), fromParquet.id());
    }

    private void assertReason(QuarantineReason reason, String field, String line) {
        QuarantinedRow row = rejected(classification.parseJsonLine(line, Split.TRAIN, "f.jsonl", 1));
        assertEquals(reason, row.reason(), line);
        assertEquals(field, row.field(), line);
    }

    private static Example valid(ParsedRow row) {
        return assertInstanceOf(ParsedRow.Valid.class, row).example();
    }

    private static QuarantinedRow rejected(ParsedRow row) {
        return assertInstanceOf(ParsedRow.Rejected.class, row).row();
    }
}
