package io.mmfleet.oms.core;

/**
 * Fixed-point arithmetic on int64 mantissas: a bus Decimal is {@code mantissa × 10^exponent}, the
 * core keeps each instrument's prices at {@code 10^-priceScale} and quantities at
 * {@code 10^-qtyScale}. Every operation is overflow-checked; none allocates.
 */
public final class FixedPoint
{
    /** Returned when a value does not fit the scale exactly, or overflows. */
    public static final long NOT_REPRESENTABLE = Long.MIN_VALUE;
    /** SBE's null mantissa of an optional Decimal. */
    public static final long NULL_MANTISSA = Long.MIN_VALUE;
    /** Largest power of ten an int64 holds. */
    public static final int MAX_SCALE = 18;

    private static final long[] POWERS = new long[MAX_SCALE + 1];

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

    public static long pow10(final int n)
    {
        return POWERS[n];
    }

    /**
     * The mantissa at {@code scale} of {@code mantissa × 10^exponent}, exactly, or
     * {@link #NOT_REPRESENTABLE} when it has more decimals than the scale or overflows: an order
     * price or quantity is never rounded, since a rounded order is one nobody asked for.
     */
    public static long toScale(final long mantissa, final int exponent, final int scale)
    {
        if (mantissa == NULL_MANTISSA)
        {
            return NOT_REPRESENTABLE;
        }
        final int shift = exponent + scale;
        if (shift == 0)
        {
            return mantissa;
        }
        if (shift > 0)
        {
            if (shift > MAX_SCALE)
            {
                return mantissa == 0 ? 0 : NOT_REPRESENTABLE;
            }
            return multiplyOrNotRepresentable(mantissa, POWERS[shift]);
        }
        if (-shift > MAX_SCALE)
        {
            return mantissa == 0 ? 0 : NOT_REPRESENTABLE;
        }
        final long power = POWERS[-shift];
        return mantissa % power == 0 ? mantissa / power : NOT_REPRESENTABLE;
    }

    /**
     * Like {@link #toScale} but rounding extra decimals toward negative infinity, for values where a
     * conservative reading is right: a PnL read floored is never a smaller loss than reported.
     */
    public static long toScaleFloor(final long mantissa, final int exponent, final int scale)
    {
        if (mantissa == NULL_MANTISSA)
        {
            return NOT_REPRESENTABLE;
        }
        final int shift = exponent + scale;
        if (shift >= 0)
        {
            return toScale(mantissa, exponent, scale);
        }
        if (-shift > MAX_SCALE)
        {
            return mantissa >= 0 ? 0 : -1;
        }
        return Math.floorDiv(mantissa, POWERS[-shift]);
    }

    /**
     * Like {@link #toScale} but rounding extra decimals away from zero, for a position: read larger
     * in magnitude, a position limit errs on the safe side.
     */
    public static long toScaleAwayFromZero(final long mantissa, final int exponent, final int scale)
    {
        if (mantissa == NULL_MANTISSA)
        {
            return NOT_REPRESENTABLE;
        }
        final int shift = exponent + scale;
        if (shift >= 0)
        {
            return toScale(mantissa, exponent, scale);
        }
        if (-shift > MAX_SCALE)
        {
            return Long.signum(mantissa);
        }
        final long power = POWERS[-shift];
        final long quotient = mantissa / power;
        return mantissa % power == 0 ? quotient : quotient + Long.signum(mantissa);
    }

    /** {@code a × b}, or {@link #NOT_REPRESENTABLE} if the product does not fit an int64. */
    public static long multiplyOrNotRepresentable(final long a, final long b)
    {
        final long high = Math.multiplyHigh(a, b);
        final long low = a * b;
        if ((high == 0 && low >= 0) || (high == -1 && low < 0))
        {
            return low == NOT_REPRESENTABLE ? NOT_REPRESENTABLE : low;
        }
        return NOT_REPRESENTABLE;
    }

    /** {@code a + b} saturating at the int64 bounds, for sums of limits that must not wrap. */
    public static long saturatedAdd(final long a, final long b)
    {
        final long sum = a + b;
        if (((a ^ sum) & (b ^ sum)) < 0)
        {
            return a < 0 ? Long.MIN_VALUE + 1 : Long.MAX_VALUE;
        }
        return sum;
    }

    /**
     * Compares {@code a × b} with {@code c × d} exactly (128-bit products), for non-negative
     * operands: a limit check needs no overflow case when nothing is allowed to overflow.
     *
     * @return negative, zero or positive as {@code a × b} is below, equal to or above {@code c × d}
     */
    public static int compareProducts(final long a, final long b, final long c, final long d)
    {
        if (a < 0 || b < 0 || c < 0 || d < 0)
        {
            throw new IllegalArgumentException("operands must be non-negative");
        }
        final long high1 = Math.multiplyHigh(a, b);
        final long high2 = Math.multiplyHigh(c, d);
        if (high1 != high2)
        {
            return Long.compare(high1, high2);
        }
        return Long.compareUnsigned(a * b, c * d);
    }
}
