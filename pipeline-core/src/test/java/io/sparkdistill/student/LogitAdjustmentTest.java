package io.sparkdistill.student;

import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.StudentConfig;
import io.sparkdistill.math.Softmax;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogitAdjustmentTest {

    private static final List<String> LABELS = List.of("large", "medium", "small");

    /**
     * The strength chosen over {@code probabilities}, scored as Spark scores them: each half of the rows in a trial of
     * its own, the two merged.
     */
    private static LogitAdjustment choose(List<String> labels, long[] goldPerClass, List<float[]> probabilities,
                                          int[] gold) {
        LogitAdjustment.Trial first = new LogitAdjustment.Trial(labels, goldPerClass);
        LogitAdjustment.Trial second = new LogitAdjustment.Trial(labels, goldPerClass);
        for (int i = 0; i < gold.length; i++) {
            (i < gold.length / 2 ? first : second).add(gold[i], probabilities.get(i));
        }
        return first.merge(second).choice();
    }

    /**
     * Validation rows of a student that under-predicts the small class: its examples get the right label's
     * probability just under the large class's.
     */
    private static List<float[]> shyOfTheSmallClass(int[] gold) {
        List<float[]> rows = new ArrayList<>();
        for (int g : gold) {
            rows.add(switch (g) {
                case 0 -> new float[] {0.80f, 0.15f, 0.05f};
                case 1 -> new float[] {0.30f, 0.65f, 0.05f};
                default -> new float[] {0.50f, 0.05f, 0.45f};
            });
        }
        return rows;
    }

    private static int[] gold(int large, int medium, int small) {
        int[] gold = new int[large + medium + small];
        for (int i = large; i < gold.length; i++) {
            gold[i] = i < large + medium ? 1 : 2;
        }
        return gold;
    }

    @Test
    void aStudentShyOfASmallClassGetsAStrengthThatRaisesValidationMacroF1() {
        int[] gold = gold(80, 15, 5);
        LogitAdjustment adjustment = choose(LABELS, new long[] {80, 15, 5}, shyOfTheSmallClass(gold),
                gold);

        assertTrue(adjustment.tau() > 0, "tau " + adjustment.tau());
        // unadjusted, the small class is never predicted: its F1 is 0, macro-F1 (1 + 1 + 0) / 3 at best
        assertTrue(adjustment.macroF1Before() < 0.67, "before " + adjustment.macroF1Before());
        assertEquals(1.0, adjustment.macroF1After(), 1e-9, "every row right once the small class gains");
        assertEquals(LogitAdjustment.TAUS.length, adjustment.macroF1ByTau().size());
    }

    @Test
    void aStrengthThatGainsNothingLeavesTheLogitsAlone() {
        int[] gold = gold(40, 30, 30);
        List<float[]> confident = new ArrayList<>();
        for (int g : gold) {
            float[] p = {0.05f, 0.05f, 0.05f};
            p[g] = 0.9f;
            confident.add(p);
        }
        LogitAdjustment adjustment = choose(LABELS, new long[] {40, 30, 30}, confident, gold);

        assertEquals(0.0, adjustment.tau(), "every strength scores 1.0: the weakest is kept");
        assertArrayEquals(new double[] {0, 0, 0}, adjustment.biasShift(), 1e-12);
    }

    @Test
    void theShiftIsMinusTauTimesTheLogOfTheSmoothedPrior() {
        int[] gold = gold(80, 15, 5);
        LogitAdjustment adjustment = choose(LABELS, new long[] {80, 15, 5}, shyOfTheSmallClass(gold),
                gold);
        double tau = adjustment.tau();
        // add-one smoothing: (80 + 1) / 103, (15 + 1) / 103, (5 + 1) / 103
        assertArrayEquals(new double[] {81 / 103.0, 16 / 103.0, 6 / 103.0}, adjustment.prior(), 1e-12);
        assertArrayEquals(new double[] {-tau * Math.log(81 / 103.0), -tau * Math.log(16 / 103.0),
                -tau * Math.log(6 / 103.0)}, adjustment.biasShift(), 1e-12);
        // a class without a gold label keeps a finite prior
        LogitAdjustment unseen = choose(LABELS, new long[] {10, 10, 0}, List.of(), new int[0]);
        assertEquals(1 / 23.0, unseen.prior()[2], 1e-12);
    }

    @Test
    void theSavedStudentPredictsWithTheShiftFoldedIntoItsOutputBias() {
        StudentConfig config = StudentConfig.fastText(256, 8, 2, 0);
        MultiLayerNetwork network = StudentNetwork.create(config, Hyperparameters.defaults(), 3);
        StudentMetadata metadata = StudentMetadata.fastText("distilled", "classification", LABELS, config.buckets(),
                config.ngrams(), config.charNgrams(), config.dimension(), Map.of(), null, Map.of());
        List<String> texts = List.of("a refund for my order", "the parcel never came", "reset my password");
        List<float[]> before = texts.stream().map(t -> StudentModel.fromNetwork(network, metadata).predict(t)
                .probabilities()).toList();
        LogitAdjustment adjustment = new LogitAdjustment(0.75, new double[] {0.7, 0.2, 0.1},
                Map.of(0.0, 0.5, 0.75, 0.6));

        adjustment.applyTo(network);

        StudentModel adjusted = StudentModel.fromNetwork(network, metadata);
        double[] shift = adjustment.biasShift();
        for (int i = 0; i < texts.size(); i++) {
            float[] logits = new float[3];
            for (int c = 0; c < 3; c++) {
                logits[c] = (float) (Math.log(before.get(i)[c]) + shift[c]);
            }
            assertArrayEquals(Softmax.of(logits, 1.0), adjusted.predict(texts.get(i)).probabilities(), 1e-5f,
                    texts.get(i));
        }
    }

    @Test
    void theStudentsDescriptionSaysWhenItsLogitsWereAdjusted() {
        StudentMetadata adjusted = StudentMetadata.fastText("distilled", "classification", LABELS, 256, 2, 0, 8,
                Map.of(), null, Map.of("logit_adjustment", Map.of("tau", 0.5)));
        StudentMetadata unchanged = StudentMetadata.fastText("distilled", "classification", LABELS, 256, 2, 0, 8,
                Map.of(), null, Map.of("logit_adjustment", Map.of("tau", 0.0)));

        assertTrue(adjusted.describe().endsWith(", logits adjusted towards the small classes (tau 0.5)"),
                adjusted.describe());
        assertEquals("fastText-like, 256 hashed n-gram buckets x 8 dims", unchanged.describe());
    }

    @Test
    void onNoisyRowsTheChosenStrengthScoresBestOfAllTried() {
        Random random = new Random(7);
        int[] gold = gold(300, 60, 20);
        List<float[]> rows = new ArrayList<>();
        for (int g : gold) {
            float[] logits = {1.0f + (float) random.nextGaussian(), (float) random.nextGaussian(),
                    -1.0f + (float) random.nextGaussian()};
            logits[g] += 1.5f;
            rows.add(Softmax.of(logits, 1.0));
        }
        LogitAdjustment adjustment = choose(LABELS, new long[] {300, 60, 20}, rows, gold);

        double best = adjustment.macroF1ByTau().values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertEquals(best, adjustment.macroF1After(), 1e-12);
        assertTrue(adjustment.macroF1After() >= adjustment.macroF1Before());
    }
}
