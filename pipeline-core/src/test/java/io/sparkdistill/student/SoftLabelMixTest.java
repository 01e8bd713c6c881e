package io.sparkdistill.student;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdistill.math.Softmax;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SoftLabelMixTest {

    private static final int CLASSES = 4;

    /** Validation examples where the teacher is right with probability {@code teacherRight}, the baseline likewise. */
    private static SoftLabelMix.Trial trial(double teacherRight, double baselineRight, int examples, long seed) {
        Random random = new Random(seed);
        SoftLabelMix.Trial trial = new SoftLabelMix.Trial(CLASSES);
        for (int n = 0; n < examples; n++) {
            int gold = random.nextInt(CLASSES);
            trial.add(gold, answer(gold, random.nextDouble() < teacherRight, 6f, random),
                    Softmax.of(answer(gold, random.nextDouble() < baselineRight, 2f, random), 1.0));
        }
        return trial;
    }

    /** Logits with {@code margin} on the gold class when right, else on another class, plus noise. */
    private static float[] answer(int gold, boolean right, float margin, Random random) {
        float[] logits = new float[CLASSES];
        int favoured = right ? gold : (gold + 1 + random.nextInt(CLASSES - 1)) % CLASSES;
        for (int c = 0; c < CLASSES; c++) {
            logits[c] = (float) random.nextGaussian() + (c == favoured ? margin : 0f);
        }
        return logits;
    }

    @Test
    void aTeacherRightWhereTheBaselineGuessesTakesMostOfTheMix() {
        SoftLabelMix mix = trial(0.9, 0.25, 2000, 1).choice();
        assertTrue(mix.teacherShare() > 0.8, "share " + mix.teacherShare());
        assertTrue(mix.teacherLogLoss() < mix.baselineLogLoss());
    }

    @Test
    void aBaselineRightWhereTheTeacherGuessesTakesMostOfTheMix() {
        SoftLabelMix mix = trial(0.25, 0.9, 2000, 2).choice();
        assertTrue(mix.teacherShare() < 0.2, "share " + mix.teacherShare());
        assertTrue(mix.baselineLogLoss() < mix.teacherLogLoss());
    }

    @Test
    void twoSourcesRightOnDifferentExamplesMixToALowerLogLossThanEither() {
        SoftLabelMix mix = trial(0.7, 0.7, 2000, 3).choice();
        assertTrue(mix.teacherScale() > 0 && mix.baselineScale() > 0, mix.toString());
        assertTrue(mix.teacherShare() > 0.2 && mix.teacherShare() < 0.8, "share " + mix.teacherShare());
        assertTrue(mix.validationLogLoss() < mix.teacherLogLoss() - 0.05, mix.toString());
        assertTrue(mix.validationLogLoss() < mix.baselineLogLoss() - 0.05, mix.toString());
        assertEquals(2000, mix.validationExamples());
    }

    @Test
    void anOverConfidentTeacherIsScaledDown() {
        // Right 60% of the time with a margin of 6 logits: at scale 1 its wrong answers cost far more than its right
        // ones gain, so its best scale alone is well under 1.
        SoftLabelMix mix = trial(0.6, 0.0, 2000, 4).choice();
        assertTrue(mix.teacherScale() < 1, "scale " + mix.teacherScale());
    }

    @Test
    void trialsFilledApartAndMergedChooseAsOneTrialOverEveryExample() {
        SoftLabelMix.Trial whole = new SoftLabelMix.Trial(CLASSES);
        SoftLabelMix.Trial first = new SoftLabelMix.Trial(CLASSES);
        SoftLabelMix.Trial second = new SoftLabelMix.Trial(CLASSES);
        Random random = new Random(5);
        for (int n = 0; n < 400; n++) {
            int gold = random.nextInt(CLASSES);
            float[] teacher = answer(gold, random.nextDouble() < 0.7, 4f, random);
            float[] baseline = Softmax.of(answer(gold, random.nextDouble() < 0.6, 2f, random), 1.0);
            whole.add(gold, teacher, baseline);
            (n % 2 == 0 ? first : second).add(gold, teacher, baseline);
        }
        SoftLabelMix merged = first.merge(second).choice();
        SoftLabelMix direct = whole.choice();
        assertEquals(direct.teacherScale(), merged.teacherScale());
        assertEquals(direct.baselineScale(), merged.baselineScale());
        assertEquals(direct.validationLogLoss(), merged.validationLogLoss(), 1e-12);
    }

    @Test
    void mixedLogitsAreTheTeachersAndTheBaselinesLogProbabilitiesScaled() {
        SoftLabelMix mix = new SoftLabelMix(0.5, 2.0, 0.3, 1.0, 1.2, 1.1, 10);
        float[] logits = mix.logits(new float[] {2f, -4f, 0f}, new float[] {0.5f, 0.25f, 0.25f});
        assertArrayEquals(new float[] {(float) (1 + 2 * Math.log(0.5)), (float) (-2 + 2 * Math.log(0.25)),
                (float) (2 * Math.log(0.25))}, logits, 1e-6f);
        // A probability rounded to 0 stays finite.
        assertTrue(Float.isFinite(mix.logits(new float[] {0f, 0f}, new float[] {1f, 0f})[1]));
    }

    @Test
    void aTrialWithoutExamplesOrWithAStrangeClassRefusesToChoose() {
        assertThrows(IllegalStateException.class, () -> new SoftLabelMix.Trial(3).choice());
        assertThrows(IllegalArgumentException.class,
                () -> new SoftLabelMix.Trial(3).add(3, new float[3], new float[3]));
        assertThrows(IllegalArgumentException.class,
                () -> new SoftLabelMix.Trial(3).add(0, new float[2], new float[3]));
    }
}
