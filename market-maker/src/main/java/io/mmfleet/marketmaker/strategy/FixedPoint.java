package io.mmfleet.marketmaker.strategy;

/**
 * Fixed-point arithmetic on long mantissas: a value is {@code mantissa × 10^-scale}. Prices live at
 * the instrument's price scale, quantities at its quantity scale, notionals at their sum.
 */
public final class FixedPoint
{
    /**
     * A double a millionth of a mantissa unit short of a whole number counts as that number, so a
     * binary representation error (2999.99 × 100 = 299998.99999999994) never moves a price by a tick.
     */
    private static final double ROUNDING_SLACK = 1e-6;

    private static final long[] POWERS = new long[19];

    static
    {
        POWERS[0] = 1;
        for (int i = 1; i < POWERS.length; i++)
        {
            POWERS[i] = POWERS[i - 1] * 10;
        }
    }

    private FixedPoint()
    {
    }

    /** 10^n for n in 0..18. */
    public static long pow10(final int n)
    {
        if (n < 0 || n >= POWERS.length)
        {
            throw new IllegalArgumentException("10^" + n + " does not fit a long");
        }
        return POWERS[n];
    }

    /** The largest multiple of {@code step} at or below {@code value}; step > 0. */
    public static long floorToMultiple(final long value, final long step)
    {
        return Math.floorDiv(value, step) * step;
    }

    /** The smallest multiple of {@code step} at or above {@code value}; step > 0. */
    public static long ceilToMultiple(final long value, final long step)
    {
        return -Math.floorDiv(-value, step) * step;
    }

    /** The mantissa at {@code scale} at or below {@code value} (up to {@link #ROUNDING_SLACK}). */
    public static long floorMantissa(final double value, final int scale)
    {
        return (long)Math.floor(value * POWERS[scale] + ROUNDING_SLACK);
    }

    /** The mantissa at {@code scale} at or above {@code value} (up to {@link #ROUNDING_SLACK}). */
    public static long ceilMantissa(final double value, final int scale)
    {
        return (long)Math.ceil(value * POWERS[scale] - ROUNDING_SLACK);
    }

    /**
     * A bus Decimal ({@code mantissa × 10^exponent}) at {@code scale}, exactly.
     *
     * @throws IllegalArgumentException if it has more decimals than the scale or overflows, naming {@code what}.
     */
    public static long toScaleExact(final long mantissa, final int exponent, final int scale, final String what)
    {
        final int shift = exponent + scale;
        if (shift >= 0)
        {
            if (shift >= POWERS.length)
            {
                if (mantissa == 0)
                {
                    return 0;
                }
                throw new IllegalArgumentException(what + " " + mantissa + "e" + exponent + " overflows at scale " + scale);
            }
            try
            {
                return Math.multiplyExact(mantissa, POWERS[shift]);
            }
            catch (final ArithmeticException ex)
            {
                throw new IllegalArgumentException(what + " " + mantissa + "e" + exponent + " overflows at scale " + scale, ex);
            }
        }
        if (-shift >= POWERS.length || mantissa % POWERS[-shift] != 0)
        {
            if (mantissa == 0)
            {
                return 0;
            }
            throw new IllegalArgumentException(what + " " + mantissa + "e" + exponent + " has more than " + scale + " decimals");
        }
        return mantissa / POWERS[-shift];
    }

    /**
     * A bus Decimal at {@code scale}, rounded away from zero when it has more decimals than the scale:
     * for an inventory, where a position finer than the lot (a fee taken in the base asset) must
     * still be read, and reading it a little larger skews the quotes the cautious way.
     *
     * @throws IllegalArgumentException if it overflows, naming {@code what}.
     */
    public static long toScaleAwayFromZero(final long mantissa, final int exponent, final int scale, final String what)
    {
        final int shift = exponent + scale;
        if (shift >= 0 || mantissa == 0)
        {
            return toScaleExact(mantissa, exponent, scale, what);
        }
        if (-shift >= POWERS.length)
        {
            return Long.signum(mantissa);
        }
        final long whole = mantissa / POWERS[-shift];
        return mantissa % POWERS[-shift] == 0 ? whole : whole + Long.signum(mantissa);
    }

    /**
     * A bus Decimal at {@code scale}, rounded up when it has more decimals than the scale (for minimums,
     * where rounding down would let through what the venue refuses); {@link Long#MAX_VALUE} if it overflows.
     */
    public static long toScaleCeil(final long mantissa, final int exponent, final int scale)
    {
        final int shift = exponent + scale;
        if (shift >= 0)
        {
            if (shift >= POWERS.length)
            {
                return mantissa == 0 ? 0 : (mantissa > 0 ? Long.MAX_VALUE : Long.MIN_VALUE);
            }
            final long high = Math.multiplyHigh(mantissa, POWERS[shift]);
            final long low = mantissa * POWERS[shift];
            if ((high == 0 && low >= 0) || (high == -1 && low < 0))
            {
                return low;
            }
            return mantissa > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        if (-shift >= POWERS.length)
        {
            return mantissa > 0 ? 1 : 0;
        }
        return -Math.floorDiv(-mantissa, POWERS[-shift]);
    }
}
