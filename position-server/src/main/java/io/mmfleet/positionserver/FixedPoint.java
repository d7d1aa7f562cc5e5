package io.mmfleet.positionserver;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The position-server's one fixed-point scale: every price, quantity, quote amount, fee and PnL it
 * holds is a long mantissa with {@link #SCALE} decimals (10^-8, the finest step Binance quotes).
 * One scale for everything keeps the ledger, the book and the report free of exponent juggling;
 * values arriving with another exponent are converted exactly or refused.
 * <p>
 * Every operation is overflow-checked: it throws {@link ArithmeticException} rather than wrap.
 */
public final class FixedPoint
{
    /** Decimals of every mantissa the position-server holds. */
    public static final int SCALE = 8;
    /** The exponent of {@link #SCALE} as it travels in an SBE Decimal. */
    public static final byte EXPONENT = -SCALE;
    /** 1.0 at {@link #SCALE}. */
    public static final long ONE = 100_000_000L;

    private static final long[] POWERS_OF_TEN = new long[19];

    static
    {
        long power = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++)
        {
            POWERS_OF_TEN[i] = power;
            if (i < POWERS_OF_TEN.length - 1)
            {
                power *= 10;
            }
        }
    }

    private FixedPoint()
    {
    }

    /**
     * {@code mantissa * 10^exponent} as a mantissa at {@link #SCALE}.
     *
     * @throws IllegalArgumentException if the value has more than {@link #SCALE} decimals (it would lose digits).
     * @throws ArithmeticException      if it does not fit a long at {@link #SCALE}.
     */
    public static long fromDecimal(final long mantissa, final int exponent)
    {
        final int shift = exponent + SCALE;
        if (shift >= 0)
        {
            if (shift >= POWERS_OF_TEN.length)
            {
                if (mantissa == 0)
                {
                    return 0;
                }
                throw new ArithmeticException("overflow: " + mantissa + "e" + exponent + " does not fit at scale " + SCALE);
            }
            return Math.multiplyExact(mantissa, POWERS_OF_TEN[shift]);
        }
        if (-shift >= POWERS_OF_TEN.length)
        {
            if (mantissa == 0)
            {
                return 0;
            }
            throw new IllegalArgumentException(mantissa + "e" + exponent + " has more than " + SCALE + " decimals");
        }
        final long divisor = POWERS_OF_TEN[-shift];
        if (mantissa % divisor != 0)
        {
            throw new IllegalArgumentException(mantissa + "e" + exponent + " has more than " + SCALE + " decimals");
        }
        return mantissa / divisor;
    }

    /** A plain decimal (e.g. from the INI) as a mantissa at {@link #SCALE}; refuses lost digits like {@link #fromDecimal}. */
    public static long fromBigDecimal(final BigDecimal value)
    {
        if (value.stripTrailingZeros().scale() > SCALE)
        {
            throw new IllegalArgumentException(value.toPlainString() + " has more than " + SCALE + " decimals");
        }
        return value.movePointRight(SCALE).longValueExact();
    }

    /**
     * {@code a * b / divisor}, rounded half-even, exact in between: the product is kept in 128 bits,
     * so {@code price * qty} of any notional that fits a long works without allocating. Used for
     * notionals ({@code price * qty / ONE}) and for pro-rata cost ({@code cost * closed / open}).
     *
     * @throws ArithmeticException if the divisor is not positive or the result does not fit a long.
     */
    public static long mulDiv(final long a, final long b, final long divisor)
    {
        if (divisor <= 0)
        {
            throw new ArithmeticException("divisor must be positive: " + divisor);
        }
        if (a == Long.MIN_VALUE || b == Long.MIN_VALUE)
        {
            throw new ArithmeticException("overflow: " + a + " * " + b);
        }
        final boolean negative = (a < 0) != (b < 0);
        final long x = Math.abs(a);
        final long y = Math.abs(b);
        // Both below 2^63, so the signed high word is the unsigned one.
        final long high = Math.multiplyHigh(x, y);
        final long low = x * y;
        if (Long.compareUnsigned(high, divisor) >= 0)
        {
            throw new ArithmeticException("overflow: " + a + " * " + b + " / " + divisor);
        }
        // The quotient is unsigned: below 2^64, and only up to 2^63 (negative) or 2^63 - 1 fits a long.
        long quotient = divideUnsigned128(high, low, divisor);
        final long remainder = low - quotient * divisor;
        final long rest = divisor - remainder;
        if (Long.compareUnsigned(remainder, rest) > 0 || (remainder == rest && (quotient & 1) != 0))
        {
            quotient++;
            if (quotient == 0)
            {
                throw new ArithmeticException("overflow: " + a + " * " + b + " / " + divisor);
            }
        }
        if (quotient < 0)
        {
            if (negative && quotient == Long.MIN_VALUE)
            {
                return Long.MIN_VALUE;
            }
            throw new ArithmeticException("overflow: " + a + " * " + b + " / " + divisor);
        }
        return negative ? -quotient : quotient;
    }

    /**
     * The unsigned quotient of the 128-bit {@code high:low} by {@code divisor}, given
     * {@code high < divisor} (so it fits 64 bits): Knuth's algorithm D on 32-bit digits, as in
     * Hacker's Delight's divlu.
     */
    private static long divideUnsigned128(final long high, final long low, final long divisor)
    {
        final long base = 1L << 32;
        final int shift = Long.numberOfLeadingZeros(divisor);
        final long v = divisor << shift;
        final long vHigh = v >>> 32;
        final long vLow = v & 0xFFFF_FFFFL;
        final long uHigh = (high << shift) | (shift == 0 ? 0 : low >>> (64 - shift));
        final long uLow = low << shift;
        final long u1 = uLow >>> 32;
        final long u0 = uLow & 0xFFFF_FFFFL;

        long q1 = Long.divideUnsigned(uHigh, vHigh);
        long rHat = uHigh - q1 * vHigh;
        while (q1 >= base || Long.compareUnsigned(q1 * vLow, (rHat << 32) + u1) > 0)
        {
            q1--;
            rHat += vHigh;
            if (rHat >= base)
            {
                break;
            }
        }
        final long u21 = (uHigh << 32) + u1 - q1 * v;
        long q0 = Long.divideUnsigned(u21, vHigh);
        rHat = u21 - q0 * vHigh;
        while (q0 >= base || Long.compareUnsigned(q0 * vLow, (rHat << 32) + u0) > 0)
        {
            q0--;
            rHat += vHigh;
            if (rHat >= base)
            {
                break;
            }
        }
        return (q1 << 32) + q0;
    }

    /** {@code price * qty} at {@link #SCALE}, rounded half-even: the quote value of a quantity. */
    public static long notional(final long price, final long qty)
    {
        return mulDiv(price, qty, ONE);
    }

    /** Writes a mantissa at {@link #SCALE} as a plain decimal without trailing zeros, e.g. {@code -1.5}. */
    public static String format(final long mantissa)
    {
        return BigDecimal.valueOf(mantissa, SCALE).stripTrailingZeros().toPlainString();
    }

    /** As {@link #format}, with exactly {@code decimals} decimals (rounded half-even), for aligned columns. */
    public static String format(final long mantissa, final int decimals)
    {
        return BigDecimal.valueOf(mantissa, SCALE).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }
}
