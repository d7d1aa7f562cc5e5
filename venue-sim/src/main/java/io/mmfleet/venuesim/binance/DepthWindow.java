package io.mmfleet.venuesim.binance;

import java.util.List;

/**
 * The book changes of one symbol within one update interval, coalesced as Binance does for its diff depth stream:
 * the last quantity per price level, {@code U} the first update id and {@code u} the last one of the interval.
 * Written on the engine thread, drained on the stream timer: callers synchronize on the window. Reused from
 * interval to interval ({@link #clear}); {@link DiffDepthEvent} writes a window as its {@code depthUpdate} event.
 */
public final class DepthWindow
{
    private final WindowLevels bids = new WindowLevels(true);
    private final WindowLevels asks = new WindowLevels(false);
    private long firstUpdateId = -1;
    private long lastUpdateId;

    /** {@code changedBids}/{@code changedAsks} as the engine reports them: {price, qty}, qty 0 for a removed level. */
    public void add(final long first, final long last, final List<long[]> changedBids, final List<long[]> changedAsks)
    {
        if (firstUpdateId < 0)
        {
            firstUpdateId = first;
        }
        lastUpdateId = last;
        putAll(bids, changedBids);
        putAll(asks, changedAsks);
    }

    public boolean isEmpty()
    {
        return firstUpdateId < 0;
    }

    public long firstUpdateId()
    {
        return firstUpdateId;
    }

    public long lastUpdateId()
    {
        return lastUpdateId;
    }

    public WindowLevels bids()
    {
        return bids;
    }

    public WindowLevels asks()
    {
        return asks;
    }

    public void clear()
    {
        bids.clear();
        asks.clear();
        firstUpdateId = -1;
    }

    // Indexed, not for-each: the engine hands random-access lists, and an iterator per change is garbage.
    private static void putAll(final WindowLevels side, final List<long[]> changed)
    {
        for (int i = 0, n = changed.size(); i < n; i++)
        {
            final long[] level = changed.get(i);
            side.put(level[0], level[1]);
        }
    }
}
