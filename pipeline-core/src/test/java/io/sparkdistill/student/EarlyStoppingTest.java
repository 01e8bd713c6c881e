package io.sparkdistill.student;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EarlyStoppingTest {

    /** Feeds accuracies for epochs 1, 2, ... until the rule says stop; returns the epochs trained. */
    private static int train(EarlyStopping rule, double... accuracies) {
        int epoch = 0;
        for (double accuracy : accuracies) {
            rule.record(++epoch, accuracy);
            if (rule.shouldStop()) {
                break;
            }
        }
        return epoch;
    }

    @Test
    void stopsAfterPatienceEpochsWithoutABetterAccuracyAndKeepsTheBestEpoch() {
        EarlyStopping rule = new EarlyStopping(2);
        assertEquals(5, train(rule, 0.60, 0.80, 0.90, 0.85, 0.88, 0.95, 0.97));
        assertEquals(3, rule.bestEpoch());
    }

    @Test
    void aPlateauCountsAsNoProgress() {
        EarlyStopping rule = new EarlyStopping(2);
        assertEquals(4, train(rule, 0.7, 0.9, 0.9, 0.9, 0.95));
        assertEquals(2, rule.bestEpoch());
    }

    @Test
    void aLaterImprovementResetsThePatience() {
        EarlyStopping rule = new EarlyStopping(2);
        // Epochs 2 and 4 bring no progress, but epoch 3 does in between: the stop comes after epoch 5, not 4.
        assertEquals(5, train(rule, 0.5, 0.4, 0.6, 0.55, 0.58, 0.59));
        assertEquals(3, rule.bestEpoch());
    }

    @Test
    void tellsTheCallerWhichEpochsToKeep() {
        EarlyStopping rule = new EarlyStopping(3);
        assertTrue(rule.record(1, 0.5));
        assertFalse(rule.record(2, 0.5));
        assertTrue(rule.record(3, 0.6));
        assertFalse(rule.record(4, 0.1));
    }

    @Test
    void patienceZeroTrainsEveryEpochAndKeepsTheLast() {
        EarlyStopping rule = new EarlyStopping(0);
        assertEquals(5, train(rule, 0.9, 0.5, 0.4, 0.3, 0.2));
        assertEquals(5, rule.bestEpoch());
    }

    @Test
    void withoutAValidationSplitItNeverStopsAndKeepsTheLastEpoch() {
        EarlyStopping rule = new EarlyStopping(1);
        assertEquals(4, train(rule, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
        assertEquals(4, rule.bestEpoch());
    }

    @Test
    void refusesANegativePatienceAndEpochsOutOfOrder() {
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(-1));
        EarlyStopping rule = new EarlyStopping(1);
        rule.record(2, 0.5);
        assertThrows(IllegalArgumentException.class, () -> rule.record(2, 0.6));
    }
}
