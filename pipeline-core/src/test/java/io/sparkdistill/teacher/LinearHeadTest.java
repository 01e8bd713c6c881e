package io.sparkdistill.teacher;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LinearHeadTest {

    static final LinearHead.HeadFit FIT = new LinearHead.HeadFit("multinomial logistic regression (Spark MLlib)",
            0.001, 200, 1234, 0.9375, "2026-11-27T19:00:00Z");

    @Test
    void jsonRoundTripKeepsEveryNumber() {
        LinearHead head = new LinearHead(List.of("billing", "shipping", "other"),
                new float[][]{{0.1f, -2.5e-7f, Float.MAX_VALUE}, {1f / 3f, 0f, -0f}, {Float.MIN_VALUE, 7f, -1e30f}},
                new float[]{0.25f, -1.125f, (float) Math.PI}, FIT);

        LinearHead back = LinearHead.fromJson(head.toJson());

        assertEquals(head.labels(), back.labels());
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(head.weights()[c], back.weights()[c], 0f, "row " + c);
        }
        assertArrayEquals(head.bias(), back.bias(), 0f);
        assertEquals(head.fit(), back.fit());
    }

    @Test
    void logitsAreWeightsTimesFeaturesPlusBias() {
        LinearHead head = new LinearHead(List.of("a", "b"), new float[][]{{1, 2}, {-1, 0.5f}}, new float[]{0.5f, -1},
                FIT);
        assertArrayEquals(new float[]{1 * 3 + 2 * 4 + 0.5f, -3 + 2 - 1}, head.logits(new float[]{3, 4}), 1e-6f);
    }

    @Test
    void aHeadWhoseShapesDisagreeIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new LinearHead(List.of("a", "b"), new float[][]{{1, 2}}, new float[]{0, 0}, FIT));
        assertThrows(IllegalArgumentException.class,
                () -> new LinearHead(List.of("a"), new float[][]{{1, 2}}, new float[]{0}, FIT).logits(new float[3]));
    }
}
