package io.sparkdistill.teacher;

import io.sparkdistill.ingest.Example;
import io.sparkdistill.ingest.TaskType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TeacherFeaturesTest {

    @Test
    void featureWidthsFollowTheTask() {
        assertEquals(384, TeacherFeatures.dimension(1, 384));
        assertEquals(1536, TeacherFeatures.dimension(2, 384));
    }

    @Test
    void nliFeaturesAreBothEmbeddingsTheirAbsoluteDifferenceAndTheirProduct() {
        String premise = "A man is playing a guitar on stage.";
        String hypothesis = "Someone is performing music.";
        List<Example> batch = List.of(Examples.nli(premise, hypothesis, "entailment"));
        try (EncoderSession session = SentenceEncoder.shared().newSession()) {
            float[] f = new TeacherFeatures(session).of(batch)[0];
            float[][] uv = session.encode(List.of(premise, hypothesis));
            float[] u = uv[0];
            float[] v = uv[1];
            assertEquals(1536, f.length);
            for (int k = 0; k < 384; k++) {
                assertEquals(u[k], f[k], 1e-6f, "u at " + k);
                assertEquals(v[k], f[384 + k], 1e-6f, "v at " + k);
                assertEquals(Math.abs(u[k] - v[k]), f[768 + k], 1e-6f, "|u-v| at " + k);
                assertEquals(u[k] * v[k], f[1152 + k], 1e-6f, "u*v at " + k);
            }
        }
    }

    @Test
    void aMixedBatchKeepsEachExampleInItsPlaceWithOneEncoderCall() {
        Example text = Examples.classification("Where is my parcel?", "shipping");
        Example pair = Examples.nli("It is raining.", "The ground is dry.", "contradiction");
        try (EncoderSession session = SentenceEncoder.shared().newSession()) {
            float[][] rows = new TeacherFeatures(session).of(List.of(text, pair, text));
            assertEquals(4, session.calls(), "four segments, all in one batch");
            assertEquals(384, rows[0].length);
            assertEquals(1536, rows[1].length);
            assertArrayEquals(rows[0], rows[2], 1e-6f, "the same text in the same batch embeds the same");
        }
    }
}
