package io.sparkdistill.ingest;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class SplitOverlapTest {
    private final ExampleParser parser = new ExampleParser(TaskType.CLASSIFICATION, List.of("billing", "refund"));

    @Test
    void theSameInputUnderAnotherLabelInTestMeetsItsTrainingCopy() {
        Example train = example("{\"text\":\"refund me\",\"label\":\"refund\"}", Split.TRAIN, "train.jsonl", 7);
        Example test = example("{\"text\":\"refund me\",\"label\":\"billing\"}", Split.TEST, "test.jsonl", 2);
        assertNotEquals(train.id(), test.id());
        assertEquals(SplitOverlap.inputKey(train), SplitOverlap.inputKey(test));

        SplitOverlap.Sighting both = SplitOverlap.Sighting.of(train).merge(SplitOverlap.Sighting.of(test));
        assertEquals(List.of("train/test"), both.leakingPairs());
        assertEquals("test.jsonl line 2 = train.jsonl line 7", both.describe());
    }

    @Test
    void trainAndTransferMayShareTextButEveryHeldOutPairIsALeak() {
        Example train = example("{\"text\":\"x\",\"label\":\"refund\"}", Split.TRAIN, "train.jsonl", 1);
        Example transfer = example("{\"text\":\"x\"}", Split.TRANSFER, "transfer.jsonl", 1);
        Example validation = example("{\"text\":\"x\",\"label\":\"refund\"}", Split.VALIDATION, "val.jsonl", 1);
        assertEquals(List.of(), SplitOverlap.Sighting.of(train).merge(SplitOverlap.Sighting.of(transfer))
                .leakingPairs());
        assertEquals(List.of("train/validation", "transfer/validation"), SplitOverlap.Sighting.of(train)
                .merge(SplitOverlap.Sighting.of(transfer)).merge(SplitOverlap.Sighting.of(validation))
                .leakingPairs());
    }

    @Test
    void aSightingKeepsTheFirstPlaceOfEachSplitByLineNumber() {
        Example late = example("{\"text\":\"x\",\"label\":\"refund\"}", Split.TRAIN, "train.jsonl", 10);
        Example early = example("{\"text\":\"x\",\"label\":\"refund\"}", Split.TRAIN, "train.jsonl", 9);
        Example test = example("{\"text\":\"x\",\"label\":\"refund\"}", Split.TEST, "test.jsonl", 3);
        assertEquals("test.jsonl line 3 = train.jsonl line 9", SplitOverlap.Sighting.of(late)
                .merge(SplitOverlap.Sighting.of(test)).merge(SplitOverlap.Sighting.of(early)).describe());
    }

    @Test
    void theCountsReadAsASentence() {
        Map<String, Long> byPair = new LinkedHashMap<>();
        byPair.put("train/test", 3L);
        byPair.put("train/validation", 1L);
        assertEquals("3 inputs in both train and test, 1 input in both train and validation",
                SplitOverlap.describe(byPair));
    }

    private Example example(String line, Split split, String file, long number) {
        ParsedRow row = parser.parseJsonLine(line, split, file, number);
        return ((ParsedRow.Valid) row).example();
    }
}
