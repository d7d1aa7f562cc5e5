package io.mmfleet.venuesim.market;

import io.mmfleet.venuesim.engine.InstrumentSpec;

/**
 * Rounds a real-valued price (as a mantissa double) onto the instrument's tick grid and its price bounds. Each
 * rounding direction is explicit because it decides which resting orders a taker reaches.
 */
final class PriceGrid
{
    private final long tickSize;
    private final long lowest;
    private final long highest;

    PriceGrid(final InstrumentSpec spec)
    {
        this.tickSize = spec.tickSize();
        this.lowest = Math.max(spec.minPrice(), spec.tickSize());
        final long top = spec.maxPrice() == 0 ? Long.MAX_VALUE : spec.maxPrice();
        this.highest = top - top % spec.tickSize();
    }

    long tickSize()
    {
        return tickSize;
    }

    /** The highest tick price at or below {@code price}. */
    long floor(final double price)
    {
        return (long)Math.floor(price / tickSize) * tickSize;
    }

    /** The lowest tick price at or above {@code price}. */
    long ceil(final double price)
    {
        return (long)Math.ceil(price / tickSize) * tickSize;
    }

    boolean allows(final long price)
    {
        return price >= lowest && price <= highest;
    }

    long clamp(final long price)
    {
        return Math.max(lowest, Math.min(highest, price));
    }

    double clamp(final double price)
    {
        return Math.max(lowest, Math.min(highest, price));
    }
}
