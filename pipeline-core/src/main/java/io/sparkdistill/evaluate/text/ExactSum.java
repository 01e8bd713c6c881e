package io.sparkdistill.evaluate.text;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * A sum of doubles without rounding: floating-point addition is not associative, so per-example scores summed in
 * partitions and merged in whatever order Spark's tree aggregate picks would otherwise differ from the sequential sum
 * in the last bits. Every double is a finite binary fraction, so the {@link BigDecimal} sum is exact and the same in
 * any order; it is rounded once, when read.
 */
final class ExactSum implements Serializable {
    private static final long serialVersionUID = 1L;

    private BigDecimal sum = BigDecimal.ZERO;

    void add(double value) {
        sum = sum.add(new BigDecimal(value));
    }

    void add(ExactSum other) {
        sum = sum.add(other.sum);
    }

    double value() {
        return sum.doubleValue();
    }
}
