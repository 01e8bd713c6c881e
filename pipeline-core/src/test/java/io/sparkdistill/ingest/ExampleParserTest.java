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

    @Test
    void aConversationIsKeptAsCompactJsonAndMustEndWithTheUser() {
        ExampleParser conversation = new ExampleParser(TaskType.CONVERSATION, List.of());
        Example ok = valid(conversation.parseJsonLine("{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}, "
                + "{\"role\": \"assistant\", \"content\": \"Hello!\"}, {\"role\": \"user\", \"content\": \"Where is "
                + "my parcel?\"}], \"reference\": \"It ships today.\"}", Split.TRAIN, "c.jsonl", 1));
        assertTrue(ok.inputs().get("messages").startsWith("[{\"role\":\"user\",\"content\":\"Hi\"}"));
        assertEquals("It ships today.", ok.label());

        QuarantinedRow endsWithAssistant = rejected(conversation.parseJsonLine("{\"messages\": [{\"role\": \"user\", "
                + "\"content\": \"Hi\"}, {\"role\": \"assistant\", \"content\": \"Hello!\"}], \"reference\": \"x\"}",
                Split.TRAIN, "c.jsonl", 2));
        assertEquals(QuarantineReason.WRONG_TYPE, endsWithAssistant.reason());
        assertTrue(endsWithAssistant.message().contains("must end with a user message"));
        QuarantinedRow notAnArray = rejected(conversation.parseJsonLine("{\"messages\": \"hi\", \"reference\": \"x\"}",
                Split.TRAIN, "c.jsonl", 3));
        assertEquals("messages", notAnArray.field());
    }

    @Test
    void qaAnswersAreANonEmptyListOfTexts() {
        ExampleParser qa = new ExampleParser(TaskType.QA, List.of());
        Example ok = valid(qa.parseJsonLine("{\"context\": \"Founded in 1998.\", \"question\": \"When?\", "
                + "\"answers\": [\"1998\", \"in 1998\"]}", Split.TEST, "q.jsonl", 1));
        assertEquals("[\"1998\",\"in 1998\"]", ok.label());
        assertEquals(List.of("Founded in 1998.", "When?"), ok.segments());
        QuarantinedRow empty = rejected(qa.parseJsonLine("{\"context\": \"c\", \"question\": \"q\", \"answers\": []}",
                Split.TEST, "q.jsonl", 2));
        assertEquals(QuarantineReason.WRONG_TYPE, empty.reason());
        assertEquals("answers", empty.field());
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

    @Test
    void transferTextNeedsOnlyTheInputFieldsAndNeverKeepsALabel() {
        Example unlabelled = valid(classification.parseJsonLine("{\"text\": \"Art is long\"}", Split.TRANSFER,
                "other.jsonl", 3));
        assertEquals(null, unlabelled.label());
        assertEquals(Split.TRANSFER, unlabelled.split());
        Example labelled = valid(classification.parseJsonLine("{\"text\": \"Art is long\", \"label\": \"nope\"}",
                Split.TRANSFER, "other.jsonl", 4));
        assertEquals(null, labelled.label(), "a label in transfer text is ignored, even one outside the label set");
        assertEquals(unlabelled.id(), labelled.id());
        assertInstanceOf(ParsedRow.Rejected.class, classification.parseJsonLine("{\"text\": \"Art is long\"}",
                Split.TRAIN, "train.jsonl", 1), "a training row without its label is still quarantined");
    }
}
