package io.mmfleet.exechandler;

/**
 * Moves a bus Decimal (mantissa × 10^exponent) to a venue's fixed scale (mantissa × 10^-scale)
 * exactly: a value with more decimals than the scale, or one that overflows, is refused rather
 * than rounded, since a rounded price or quantity is an order nobody asked for.
 */
final class ScaledDecimal
{
    /** Returned when the value does not fit the scale exactly. */
    static final long NOT_REPRESENTABLE = Long.MIN_VALUE;

    private static final long[] POWERS = new long[19];

    static
    {
        POWERS[0] = 1;
        for (int i = 1; i < POWERS.length; i++)
        {
            POWERS[i] = POWERS[i - 1] * 10;
        }
    }

    private ScaledDecimal()
    {
    }

    /** The mantissa at {@code scale}, or {@link #NOT_REPRESENTABLE}. */
    static long toScale(final long mantissa, final int exponent, final int scale)
    {
        final int shift = exponent + scale;
        if (shift == 0)
        {
            return mantissa;
        }
        if (shift > 0)
        {
            if (shift >= POWERS.length)
            {
                return mantissa == 0 ? 0 : NOT_REPRESENTABLE;
            }
            final long power = POWERS[shift];
            final long high = Math.multiplyHigh(mantissa, power);
            final long low = mantissa * power;
            return (high == 0 && low >= 0) || (high == -1 && low < 0) ? low : NOT_REPRESENTABLE;
        }
        if (-shift >= POWERS.length)
        {
            return mantissa == 0 ? 0 : NOT_REPRESENTABLE;
        }
        final long power = POWERS[-shift];
        return mantissa % power == 0 ? mantissa / power : NOT_REPRESENTABLE;
    }
}
