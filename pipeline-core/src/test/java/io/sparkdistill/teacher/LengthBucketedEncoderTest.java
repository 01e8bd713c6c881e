package io.sparkdistill.teacher;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LengthBucketedEncoderTest {

    private static final List<String> TEXTS = List.of(
            "a fairly long text about an invoice that was charged twice",
            "hi",
            "where is my parcel",
            "a second long text, this one about a refund that never came back",
            "ok",
            "cancel my plan please");

    /** A real batch encoder that embeds a text as its own characters' sum and records each call's texts. */
    private static final class RecordingEncoder implements Function<List<String>, float[][]> {
        final List<List<String>> calls = new ArrayList<>();

        @Override
        public float[][] apply(List<String> texts) {
            calls.add(texts);
            return texts.stream().map(t -> new float[]{t.chars().sum(), t.length()}).toArray(float[][]::new);
        }
    }

    @Test
    void everyEmbeddingComesBackAtItsTextsPlace() {
        float[][] out = new LengthBucketedEncoder(new RecordingEncoder(), 2).apply(TEXTS);
        assertEquals(TEXTS.size(), out.length);
        for (int i = 0; i < TEXTS.size(); i++) {
            assertEquals(TEXTS.get(i).chars().sum(), out[i][0], "text " + i);
        }
    }

    @Test
    void textsOfSimilarLengthShareAModelCallAndNoCallExceedsTheBatchSize() {
        RecordingEncoder model = new RecordingEncoder();
        new LengthBucketedEncoder(model, 2).apply(TEXTS);
        assertEquals(List.of(List.of("hi", "ok"), List.of("where is my parcel", "cancel my plan please"),
                List.of(TEXTS.get(0), TEXTS.get(3))), model.calls);
    }

    @Test
    void paddingFallsAgainstCallsInInputOrder() {
        RecordingEncoder bucketed = new RecordingEncoder();
        new LengthBucketedEncoder(bucketed, 2).apply(TEXTS);
        RecordingEncoder inOrder = new RecordingEncoder();
        for (int from = 0; from < TEXTS.size(); from += 2) {
            inOrder.apply(TEXTS.subList(from, from + 2));
        }
        assertTrue(padding(bucketed.calls) * 3 < padding(inOrder.calls),
                padding(bucketed.calls) + " padded characters bucketed, " + padding(inOrder.calls) + " in order");
    }

    @Test
    void anEmptyListMakesNoModelCall() {
        RecordingEncoder model = new RecordingEncoder();
        assertEquals(0, new LengthBucketedEncoder(model, 4).apply(List.of()).length);
        assertTrue(model.calls.isEmpty());
    }

    @Test
    void aBatchSizeBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LengthBucketedEncoder(new RecordingEncoder(), 0));
    }

    private static int padding(List<List<String>> calls) {
        int padding = 0;
        for (List<String> call : calls) {
            int longest = call.stream().mapToInt(String::length).max().orElse(0);
            padding += call.stream().mapToInt(t -> longest - t.length()).sum();
        }
        return padding;
    }
}
