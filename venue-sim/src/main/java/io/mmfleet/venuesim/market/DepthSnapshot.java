package io.mmfleet.venuesim.market;

import java.util.List;

/**
 * One recorded picture of a book: {@code {price, qty}} mantissas at the instrument's scales, bids best (highest)
 * first, asks best (lowest) first.
 */
public record DepthSnapshot(long timeMs, List<long[]> bids, List<long[]> asks)
{
    public DepthSnapshot
    {
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
    }

    /** Mid of the best bid and ask as a price mantissa, or NaN when a side is empty. */
    public double mid()
    {
        return bids.isEmpty() || asks.isEmpty() ? Double.NaN : (bids.get(0)[0] + asks.get(0)[0]) / 2.0;
    }
}
