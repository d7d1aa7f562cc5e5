package io.mmfleet.positionserver;

import java.math.BigDecimal;
import java.math.BigInteger;
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
     * {@code a * b / divisor}, rounded half-even, exact in between (the product may exceed a long).
     * Used for notionals ({@code price * qty / ONE}) and for pro-rata cost ({@code cost * closed / open}).
     *
     * @throws ArithmeticException if the divisor is not positive or the result does not fit a long.
     */
    public static long mulDiv(final long a, final long b, final long divisor)
    {
        if (divisor <= 0)
        {
            throw new ArithmeticException("divisor must be positive: " + divisor);
        }
        final long high = Math.multiplyHigh(a, b);
        final long low = a * b;
        if ((high == 0 && low >= 0) || (high == -1 && low < 0))
        {
            return divideRoundHalfEven(low, divisor);
        }
        return new BigDecimal(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)))
            .divide(BigDecimal.valueOf(divisor), 0, RoundingMode.HALF_EVEN)
            .longValueExact();
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

    private static long divideRoundHalfEven(final long dividend, final long divisor)
    {
        final long quotient = dividend / divisor;
        final long remainder = Math.abs(dividend % divisor);
        final long rest = divisor - remainder;
        if (remainder > rest || (remainder == rest && (quotient & 1) != 0))
        {
            return dividend < 0 ? quotient - 1 : quotient + 1;
        }
        return quotient;
    }
}
