package io.sparkdistill.teacher;

import io.sparkdistill.ingest.Example;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedTeacherTest {

    private static final List<String> LABELS = List.of("billing", "shipping");
    private static final List<List<String>> TRAINING = List.of(
            List.of("I was charged twice for my subscription.", "Please refund the wrong amount on my invoice.",
                    "Why did my credit card payment fail?", "I need a copy of last month's bill."),
            List.of("My parcel has not arrived yet.", "When will my order be delivered?",
                    "The courier left the package at the wrong address.", "Can I track my shipment?"));

    /** A centroid head: each label's weights are the mean embedding of its examples, so logits are similarities. */
    private static LinearHead centroidHead() {
        float[][] weights = new float[LABELS.size()][];
        try (EncoderSession session = SentenceEncoder.shared().newSession()) {
            for (int c = 0; c < LABELS.size(); c++) {
                float[][] e = session.encode(TRAINING.get(c));
                float[] mean = new float[e[0].length];
                for (float[] row : e) {
                    for (int k = 0; k < row.length; k++) {
                        mean[k] += row[k] / e.length;
                    }
                }
                weights[c] = mean;
            }
        }
        return new LinearHead(LABELS, weights, new float[LABELS.size()], new LinearHead.HeadFit(
                "class centroids (test)", 0, 0, 8, 1.0, "2026-11-27T19:00:00Z"));
    }

    @Test
    void aCentroidHeadLabelsClearlyWordedSentencesCorrectly() {
        List<Example> batch = List.of(
                Examples.classification("There is an unexpected fee on my statement.", "billing"),
                Examples.classification("The delivery truck never showed up.", "shipping"),
                Examples.classification("How do I update the card used for payments?", "billing"),
                Examples.classification("My box arrived damaged and late.", "shipping"));
        try (EmbeddedTeacher teacher = EmbeddedTeacher.onSharedEncoder(centroidHead(), 0.05)) {
            List<TeacherAnswer> answers = teacher.answer(batch);
            assertEquals(batch.size(), answers.size());
            for (int i = 0; i < batch.size(); i++) {
                assertEquals(batch.get(i).label(), answers.get(i).label(), "example " + i);
                float sum = 0;
                for (float p : answers.get(i).probabilities()) {
                    sum += p;
                }
                assertEquals(1f, sum, 1e-5f);
            }
        }
    }

    @Test
    void aHigherTemperatureGivesAFlatterDistributionWithTheSameArgmax() {
        LinearHead head = centroidHead();
        List<Example> batch = List.of(Examples.classification("Refund my double payment please.", "billing"));
        try (EmbeddedTeacher cold = EmbeddedTeacher.onSharedEncoder(head, 0.05);
             EmbeddedTeacher hot = EmbeddedTeacher.onSharedEncoder(head, 1.0)) {
            TeacherAnswer c = cold.answer(batch).get(0);
            TeacherAnswer h = hot.answer(batch).get(0);
            assertEquals(c.label(), h.label());
            assertTrue(entropy(h.probabilities()) > entropy(c.probabilities()) + 1e-3,
                    "entropy at T=1 " + entropy(h.probabilities()) + " vs T=0.05 " + entropy(c.probabilities()));
        }
    }

    @Test
    void infoNamesTheModelItsFingerprintAndTheHeadsFit() {
        try (EmbeddedTeacher teacher = EmbeddedTeacher.onSharedEncoder(centroidHead(), 2.0)) {
            TeacherInfo info = teacher.info();
            assertEquals("all-MiniLM-L6-v2 (quantized ONNX) + logistic head", info.name());
            assertEquals("1.19.0-beta29", info.version());
            assertEquals(SentenceEncoder.shared().fingerprint(), info.modelFingerprint());
            assertEquals("2.0", info.details().get("temperature"));
            assertEquals("class centroids (test)", info.details().get("headAlgorithm"));
        }
    }

    @Test
    void anExampleOfTheWrongTaskForTheHeadIsRejectedNamingIt() {
        Example pair = Examples.nli("It rains.", "It is wet.", "entailment");
        try (EmbeddedTeacher teacher = EmbeddedTeacher.onSharedEncoder(centroidHead(), 1.0)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> teacher.answer(new ArrayList<>(List.of(pair))));
            assertTrue(e.getMessage().contains(pair.id()), e.getMessage());
        }
    }

    private static double entropy(float[] p) {
        double h = 0;
        for (float x : p) {
            if (x > 0) {
                h -= x * Math.log(x);
            }
        }
        return h;
    }
}
