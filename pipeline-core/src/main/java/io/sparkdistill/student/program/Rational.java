package io.sparkdistill.student.program;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * An exact number as a reduced fraction, so a program computes what a careful person computes: 0.1 + 0.2 is 0.3 and
 * 2 / 3 * 30 is 20, where binary floating point (and decimal arithmetic that has to round 2 / 3) would miss exact
 * match by a hair. Decimals enter through {@link BigDecimal} and leave as one whenever the fraction terminates.
 *
 * @param numerator   carries the sign
 * @param denominator always positive, coprime with the numerator
 */
public record Rational(BigInteger numerator, BigInteger denominator) implements Serializable {
    public Rational {
        if (denominator.signum() == 0) {
            throw new ArithmeticException("division by zero");
        }
        if (denominator.signum() < 0) {
            numerator = numerator.negate();
            denominator = denominator.negate();
        }
        BigInteger gcd = numerator.gcd(denominator);
        if (!gcd.equals(BigInteger.ONE) && gcd.signum() != 0) {
            numerator = numerator.divide(gcd);
            denominator = denominator.divide(gcd);
        }
        if (numerator.signum() == 0) {
            denominator = BigInteger.ONE;
        }
    }

    public static Rational of(BigDecimal value) {
        return value.scale() <= 0
                ? new Rational(value.toBigIntegerExact(), BigInteger.ONE)
                : new Rational(value.unscaledValue(), BigInteger.TEN.pow(value.scale()));
    }

    /** A plain decimal literal ("1200", "0.25", ".5") or a fraction of two of them ("2/3"). */
    public static Rational parse(String text) {
        int slash = text.indexOf('/');
        if (slash >= 0) {
            return parse(text.substring(0, slash)).dividedBy(parse(text.substring(slash + 1)));
        }
        return of(new BigDecimal(text.strip()));
    }

    public Rational plus(Rational other) {
        return new Rational(numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
                denominator.multiply(other.denominator));
    }

    public Rational minus(Rational other) {
        return plus(other.negate());
    }

    public Rational times(Rational other) {
        return new Rational(numerator.multiply(other.numerator), denominator.multiply(other.denominator));
    }

    /** @throws ArithmeticException when {@code other} is zero */
    public Rational dividedBy(Rational other) {
        if (other.numerator.signum() == 0) {
            throw new ArithmeticException("division by zero");
        }
        return new Rational(numerator.multiply(other.denominator), denominator.multiply(other.numerator));
    }

    public Rational negate() {
        return new Rational(numerator.negate(), denominator);
    }

    public int signum() {
        return numerator.signum();
    }

    /** Bits of the larger of numerator and denominator: how big the number has grown. */
    public int bitLength() {
        return Math.max(numerator.bitLength(), denominator.bitLength());
    }

    /** "1200", "0.25", or "2/3" when no decimal writes the number exactly. */
    @Override
    public String toString() {
        if (denominator.equals(BigInteger.ONE)) {
            return numerator.toString();
        }
        try {
            return new BigDecimal(numerator).divide(new BigDecimal(denominator)).stripTrailingZeros()
                    .toPlainString();
        } catch (ArithmeticException nonTerminating) {
            return numerator + "/" + denominator;
        }
    }
}
