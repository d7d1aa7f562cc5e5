package io.mmfleet.venuesim.binance;

/**
 * A count that resets at each boundary of a fixed interval aligned to the epoch, which is how Binance accounts its
 * limits ("a 1 MINUTE interval starts every minute"). Not thread-safe: owners synchronize.
 */
final class IntervalCounter
{
    private final long intervalMs;
    private long windowStartMs = Long.MIN_VALUE;
    private long count;

    IntervalCounter(final long intervalMs)
    {
        this.intervalMs = intervalMs;
    }

    long add(final long amount, final long nowMs)
    {
        roll(nowMs);
        count += amount;
        return count;
    }

    long count(final long nowMs)
    {
        roll(nowMs);
        return count;
    }

    long windowEndMs(final long nowMs)
    {
        roll(nowMs);
        return windowStartMs + intervalMs;
    }

    private void roll(final long nowMs)
    {
        final long start = nowMs - Math.floorMod(nowMs, intervalMs);
        if (start != windowStartMs)
        {
            windowStartMs = start;
            count = 0;
        }
    }
}
