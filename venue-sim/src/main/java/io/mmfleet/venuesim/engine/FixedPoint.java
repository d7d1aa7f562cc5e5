package io.mmfleet.venuesim.engine;

/** Overflow-checked fixed-point helpers: a silent wrap of a notional would be a free-money bug. */
final class FixedPoint
{
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

    static long pow10(final int exponent)
    {
        if (exponent < 0 || exponent >= POWERS_OF_TEN.length)
        {
            throw new IllegalArgumentException("10^" + exponent + " does not fit a long");
        }
        return POWERS_OF_TEN[exponent];
    }

    /** Ceiling division for a positive divisor; rounds toward +infinity so fees always favour the venue. */
    static long ceilDiv(final long dividend, final long divisor)
    {
        return -Math.floorDiv(-dividend, divisor);
    }

    /** Commission on {@code amount} received at {@code ratePpm}, rounded up: a fee grows, a rebate shrinks. */
    static long commission(final long amount, final long ratePpm)
    {
        // Split the amount so a large notional times the rate cannot overflow before the division.
        final long wholeMillions = amount / FeeSchedule.PPM;
        final long remainder = amount % FeeSchedule.PPM;
        return Math.addExact(Math.multiplyExact(wholeMillions, ratePpm), ceilDiv(remainder * ratePpm, FeeSchedule.PPM));
    }
}
