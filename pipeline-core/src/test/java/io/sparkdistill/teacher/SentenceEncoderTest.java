package io.sparkdistill.teacher;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SentenceEncoderTest {

    private static final SentenceEncoder ENCODER = SentenceEncoder.shared();

    @Test
    void embeddingsAre384DimensionalUnitVectors() {
        try (EncoderSession session = ENCODER.newSession()) {
            float[][] vectors = session.encode(List.of("The parcel never arrived.", "Hi", "A much longer sentence "
                    + "about quarterly invoices, refunds and the way the billing portal shows them."));
            assertEquals(3, vectors.length);
            for (float[] v : vectors) {
                assertEquals(384, v.length);
                assertEquals(1.0, Vectors.dot(v, v), 1e-4);
            }
            assertEquals(3, session.calls());
        }
    }

    @Test
    void anEncoderOnOneThreadPerCallGivesTheSameVectorsAsOnEveryCore() {
        List<String> texts = List.of("Where is my order?", "Please refund the duplicate charge on my invoice.", "ok");
        try (SentenceEncoder oneThread = SentenceEncoder.loadUnshared(1);
             EncoderSession single = oneThread.newSession();
             EncoderSession every = ENCODER.newSession()) {
            float[][] expected = every.encode(texts);
            float[][] actual = single.encode(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertArrayEquals(expected[i], actual[i], 1e-4f, "text " + i);
            }
        }
    }

    @Test
    void aNegativeThreadCountIsRefusedBeforeTheModelLoads() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SentenceEncoder.loadUnshared(-1));
        assertTrue(e.getMessage().contains("got -1"), e.getMessage());
    }

    @Test
    void aParaphraseIsCloserThanAnUnrelatedSentence() {
        try (EncoderSession session = ENCODER.newSession()) {
            float[][] v = session.encode(List.of(
                    "I was charged twice for my subscription this month.",
                    "My card got billed two times for the same monthly plan.",
                    "The hiking trail was covered in fresh snow."));
            double paraphrase = Vectors.dot(v[0], v[1]);
            double unrelated = Vectors.dot(v[0], v[2]);
            assertTrue(paraphrase > unrelated + 0.3,
                    "paraphrase cosine " + paraphrase + " should clearly beat unrelated " + unrelated);
        }
    }

    /**
     * The model is dynamically quantized: ONNX Runtime picks each layer's int8 scale from the whole batch tensor,
     * so a text's embedding moves slightly with its batch mates (measured: cosine 0.96 to 0.995 against the same
     * text alone). Exact (1e-4) agreement is therefore not a property of this model; what must hold is that the
     * batch does not change what a text means, and that the same batch always gives the same vectors.
     */
    @Test
    void batchedEncodingAgreesWithOneAtATimeEncodingUpToQuantizationNoise() {
        List<String> texts = List.of("Where is my order?", "Please refund the duplicate charge on my invoice.",
                "ok", "Can I change the delivery address after the package has shipped to the courier?");
        try (EncoderSession session = ENCODER.newSession()) {
            float[][] batched = session.encode(texts);
            for (int i = 0; i < texts.size(); i++) {
                float[] single = session.encode(List.of(texts.get(i)))[0];
                double cosine = Vectors.dot(single, batched[i]);
                assertTrue(cosine > 0.95, "text " + i + ": cosine " + cosine + " between batched and alone");
            }
            float[][] again = session.encode(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertArrayEquals(batched[i], again[i], 1e-6f, "text " + i + " encoded twice in the same batch");
            }
        }
    }

    @Test
    void oneAtATimeEncodingIsExactlyReproducible() {
        try (EncoderSession session = ENCODER.newSession()) {
            float[] first = session.encode(List.of("Where is my order?"))[0];
            session.encode(List.of("Something else entirely, to disturb any state."));
            float[] second = session.encode(List.of("Where is my order?"))[0];
            assertArrayEquals(first, second, 1e-6f);
        }
    }

    @Test
    void theSharedModelIsLoadedOnceHoweverManySessionsAreOpened() throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                try (EncoderSession session = SentenceEncoder.shared().newSession()) {
                    session.encode(List.of("hello from a partition"));
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(1, SentenceEncoder.loadCount());
    }

    @Test
    void aTextLongerThanTheModelsPositionLimitIsTruncatedNotRejected() {
        String longText = "invoice refund ".repeat(600);
        try (EncoderSession session = ENCODER.newSession()) {
            float[] v = session.encode(List.of(longText))[0];
            assertEquals(384, v.length);
            assertEquals(1.0, Vectors.dot(v, v), 1e-4);
        }
    }

    @Test
    void theEncoderDescribesItsModel() {
        assertEquals(384, ENCODER.dimension());
        assertTrue(ENCODER.fingerprint().matches("[0-9a-f]{12}"), ENCODER.fingerprint());
        assertEquals("1.19.0-beta29", ENCODER.version());
        assertTrue(ENCODER.modelSizeBytes() > 20_000_000L, "size " + ENCODER.modelSizeBytes());
    }

    @Test
    void reportsSingleSentenceAndBatchedLatencyAfterWarmUp() {
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            batch.add("Customer message number " + i + ": my invoice shows a charge I do not recognise.");
        }
        try (EncoderSession session = ENCODER.newSession()) {
            for (int i = 0; i < 20; i++) {
                session.encode(List.of(batch.get(i)));
            }
            session.encode(batch);
            int singles = 100;
            long start = System.nanoTime();
            for (int i = 0; i < singles; i++) {
                session.encode(List.of(batch.get(i % batch.size())));
            }
            double singleMs = (System.nanoTime() - start) / 1e6 / singles;
            int rounds = 5;
            start = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                session.encode(batch);
            }
            double batchedMs = (System.nanoTime() - start) / 1e6 / (rounds * batch.size());
            System.out.printf("teacher encoder latency: %.2f ms for one sentence alone, %.2f ms per sentence "
                    + "in batches of %d (%d cores)%n", singleMs, batchedMs, batch.size(),
                    Runtime.getRuntime().availableProcessors());
        }
    }

    @Test
    void theBundledModelIsDescribedWithoutLoadingItAndMatchesTheLoadedOne() {
        TeacherInfo described = SentenceEncoder.describeBundled();
        SentenceEncoder loaded = SentenceEncoder.shared();
        org.junit.jupiter.api.Assertions.assertEquals(loaded.fingerprint(), described.modelFingerprint());
        org.junit.jupiter.api.Assertions.assertEquals(loaded.version(), described.version());
        org.junit.jupiter.api.Assertions.assertEquals(loaded.modelName(), described.name());
    }
}
