package io.mmfleet.venuesim.binance;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The book changes of one symbol within one update interval, coalesced as Binance does for its diff depth stream:
 * the last quantity per price level, {@code U} the first update id and {@code u} the last one of the interval.
 * Written on the engine thread, drained on the stream timer: callers synchronize on the window.
 * {@link DiffDepthEvent} turns a window into its {@code depthUpdate} event.
 */
public final class DepthWindow
{
    private final TreeMap<Long, Long> bids = new TreeMap<>(Comparator.reverseOrder());
    private final TreeMap<Long, Long> asks = new TreeMap<>();
    private long firstUpdateId = -1;
    private long lastUpdateId;

    public void add(final long first, final long last, final List<long[]> changedBids, final List<long[]> changedAsks)
    {
        if (firstUpdateId < 0)
        {
            firstUpdateId = first;
        }
        lastUpdateId = last;
        for (final long[] level : changedBids)
        {
            bids.put(level[0], level[1]);
        }
        for (final long[] level : changedAsks)
        {
            asks.put(level[0], level[1]);
        }
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

    public Map<Long, Long> bids()
    {
        return bids;
    }

    public Map<Long, Long> asks()
    {
        return asks;
    }

    public void clear()
    {
        bids.clear();
        asks.clear();
        firstUpdateId = -1;
    }
}
