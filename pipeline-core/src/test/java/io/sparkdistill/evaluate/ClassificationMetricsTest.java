package io.sparkdistill.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {
    private static final double EPS = 1e-9;
    private static final List<String> ABC = List.of("a", "b", "c");

    /** A distribution that puts {@code confidence} on {@code predicted} and spreads the rest evenly. */
    private static float[] probs(int classes, int predicted, double confidence) {
        float[] p = new float[classes];
        for (int i = 0; i < classes; i++) {
            p[i] = (float) ((1 - confidence) / (classes - 1));
        }
        p[predicted] = (float) confidence;
        return p;
    }

    private static ClassificationMetrics score(List<String> labels, int[] gold, int[] predicted) {
        ClassificationMetrics m = new ClassificationMetrics(labels);
        for (int i = 0; i < gold.length; i++) {
            m.add(gold[i], predicted[i], probs(labels.size(), predicted[i], 0.9));
        }
        return m;
    }

    @Test
    void scoresTheScikitLearnDocumentationExampleExactly() {
        // sklearn.metrics.f1_score docs: y_true=[0,1,2,0,1,2], y_pred=[0,2,1,0,0,1]
        // average=None -> [0.8, 0, 0]; average="macro" -> 0.2666...; accuracy_score -> 0.3333...
        ClassificationScores s = score(ABC, new int[] {0, 1, 2, 0, 1, 2}, new int[] {0, 2, 1, 0, 0, 1}).result();

        assertEquals(6, s.count());
        assertEquals(2.0 / 6, s.accuracy(), EPS);
        assertEquals(0.8, s.perClassF1().get("a"), EPS);
        assertEquals(0.0, s.perClassF1().get("b"), EPS);
        assertEquals(0.0, s.perClassF1().get("c"), EPS);
        assertEquals(0.8 / 3, s.macroF1(), EPS);
        assertEquals(List.of("a", "b", "c"), List.copyOf(s.perClassF1().keySet()));
        assertEquals(Map.of("a", 2L, "b", 2L, "c", 2L), s.perClassSupport());
    }

    @Test
    void buildsTheConfusionMatrixWithGoldRowsAndPredictedColumns() {
        // same example; sklearn.metrics.confusion_matrix gives [[2,0,0],[1,0,1],[0,2,0]]
        ClassificationScores s = score(ABC, new int[] {0, 1, 2, 0, 1, 2}, new int[] {0, 2, 1, 0, 0, 1}).result();

        assertArrayEquals(new int[] {2, 0, 0}, s.confusion()[0]);
        assertArrayEquals(new int[] {1, 0, 1}, s.confusion()[1]);
        assertArrayEquals(new int[] {0, 2, 0}, s.confusion()[2]);
    }

    @Test
    void countsANeverPredictedClassAndAnAbsentClassAsZeroF1InTheMacroAverage() {
        // labels a,b,c,d; y_true=[0,0,1,1,2,2], y_pred=[0,0,1,0,1,1]
        // a: TP2 FP1 FN0 -> 4/5 = 0.8; b: TP1 FP2 FN1 -> 2/5 = 0.4; c: never predicted, TP0 FN2 -> 0;
        // d: no support, never predicted -> undefined -> 0 (zero_division="warn" scores 0).
        // f1_score(..., labels=[0,1,2,3], average="macro") = (0.8+0.4+0+0)/4 = 0.3
        // (without labels=, sklearn would average over a,b,c only: 0.4)
        List<String> labels = List.of("a", "b", "c", "d");
        ClassificationScores s = score(labels, new int[] {0, 0, 1, 1, 2, 2}, new int[] {0, 0, 1, 0, 1, 1}).result();

        assertEquals(0.8, s.perClassF1().get("a"), EPS);
        assertEquals(0.4, s.perClassF1().get("b"), EPS);
        assertEquals(0.0, s.perClassF1().get("c"), EPS);
        assertEquals(0.0, s.perClassF1().get("d"), EPS);
        assertEquals(0L, s.perClassSupport().get("d"));
        assertEquals(0.3, s.macroF1(), EPS);
        assertEquals(0.5, s.accuracy(), EPS);
    }

    @Test
    void computesExpectedCalibrationErrorOverFifteenBinsByHand() {
        // bins are ((m-1)/15, m/15]:
        //  0.95 -> bin 15 (0.933, 1]: two examples, one right  -> acc 0.5, conf 0.95, gap 0.45, share 2/5
        //  0.70 -> bin 11 (0.667, 0.733]: two, both right        -> acc 1.0, conf 0.70, gap 0.30, share 2/5
        //  0.45 -> bin 7  (0.4, 0.467]: one, wrong               -> acc 0.0, conf 0.45, gap 0.45, share 1/5
        // ECE = 0.4*0.45 + 0.4*0.30 + 0.2*0.45 = 0.18 + 0.12 + 0.09 = 0.39
        // (one global bin would give |3/5 - 0.74| = 0.14, so the binning is what is tested)
        ClassificationMetrics m = new ClassificationMetrics(ABC);
        m.add(0, 0, new float[] {0.95f, 0.03f, 0.02f});
        m.add(1, 0, new float[] {0.95f, 0.03f, 0.02f});
        m.add(2, 2, new float[] {0.1f, 0.2f, 0.7f});
        m.add(1, 1, new float[] {0.2f, 0.7f, 0.1f});
        m.add(1, 0, new float[] {0.45f, 0.35f, 0.2f});
        ClassificationScores s = m.result();

        assertEquals(0.39, s.ece(), 1e-6);
        assertEquals((0.95 + 0.95 + 0.7 + 0.7 + 0.45) / 5, s.meanConfidence(), 1e-6);
    }

    @Test
    void isPerfectlyCalibratedWhenConfidenceMatchesAccuracyInEveryBin() {
        ClassificationMetrics m = new ClassificationMetrics(List.of("yes", "no"));
        m.add(0, 0, new float[] {0.5f, 0.5f});
        m.add(1, 0, new float[] {0.5f, 0.5f});
        assertEquals(0.0, m.result().ece(), 1e-6);
    }

    @Test
    void mergingTwoHalvesEqualsAddingEverythingToOne() throws Exception {
        int[] gold = {0, 1, 2, 0, 1, 2, 2, 1, 0, 0};
        int[] pred = {0, 2, 1, 0, 0, 1, 2, 1, 2, 0};
        double[] conf = {0.9, 0.4, 0.55, 0.99, 0.61, 0.35, 0.8, 0.72, 0.5, 0.66};
        ClassificationMetrics whole = new ClassificationMetrics(ABC);
        ClassificationMetrics first = new ClassificationMetrics(ABC);
        ClassificationMetrics second = new ClassificationMetrics(ABC);
        for (int i = 0; i < gold.length; i++) {
            float[] p = probs(3, pred[i], conf[i]);
            whole.add(gold[i], pred[i], p);
            (i < 4 ? first : second).add(gold[i], pred[i], p);
        }
        // Spark ships partial accumulators between JVMs: merge a serialised copy, as treeAggregate would.
        ClassificationScores merged = first.merge(roundTrip(second)).result();
        ClassificationScores expected = whole.result();

        assertEquals(expected.count(), merged.count());
        assertEquals(expected.accuracy(), merged.accuracy(), EPS);
        assertEquals(expected.macroF1(), merged.macroF1(), EPS);
        assertEquals(expected.perClassF1(), merged.perClassF1());
        assertEquals(expected.perClassSupport(), merged.perClassSupport());
        assertArrayEquals(expected.confusion(), merged.confusion());
        assertEquals(expected.ece(), merged.ece(), EPS);
        assertEquals(expected.meanConfidence(), merged.meanConfidence(), EPS);
    }

    @Test
    void refusesToMergeAccumulatorsOverDifferentLabels() {
        ClassificationMetrics abc = new ClassificationMetrics(ABC);
        ClassificationMetrics ab = new ClassificationMetrics(List.of("a", "b"));
        assertThrows(IllegalArgumentException.class, () -> abc.merge(ab));
    }

    @Test
    void rejectsAClassOutsideTheLabelListAndAProbabilityVectorOfTheWrongLength() {
        ClassificationMetrics m = new ClassificationMetrics(ABC);
        assertThrows(IllegalArgumentException.class, () -> m.add(3, 0, new float[3]));
        assertThrows(IllegalArgumentException.class, () -> m.add(0, 0, new float[2]));
    }

    @Test
    void scoresNothingAsZeroRatherThanNaN() {
        ClassificationScores s = new ClassificationMetrics(ABC).result();
        assertEquals(0, s.count());
        assertEquals(0.0, s.accuracy());
        assertEquals(0.0, s.macroF1());
        assertEquals(0.0, s.ece());
    }

    private static ClassificationMetrics roundTrip(ClassificationMetrics m) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(m);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (ClassificationMetrics) in.readObject();
        }
    }
}
