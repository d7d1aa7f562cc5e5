package io.mmfleet.quoteserver;

import io.mmfleet.quoteserver.book.TradeEvent;

/**
 * A replacement connection's trades for one symbol, held until it is promoted: only the primary's
 * trades are published, so one that reached the replacement first is not lost nor published out of
 * order. A ring of preallocated events: when full the oldest go, being the ones the primary has
 * most surely published already. Event-loop thread only.
 */
final class StandbyTrades
{
    private final TradeEvent[] events;
    private final long[] originNs;
    private int start;
    private int count;

    StandbyTrades(final int capacity)
    {
        events = new TradeEvent[capacity];
        originNs = new long[capacity];
        for (int i = 0; i < capacity; i++)
        {
            events[i] = new TradeEvent();
        }
    }

    void add(final TradeEvent event, final long arrivalEpochNs)
    {
        if (count == events.length)
        {
            start = (start + 1) % events.length;
            count--;
        }
        final int slot = (start + count) % events.length;
        final TradeEvent copy = events[slot];
        copy.tradeId = event.tradeId;
        copy.eventTimeMs = event.eventTimeMs;
        copy.tradeTimeMs = event.tradeTimeMs;
        copy.price = event.price;
        copy.qty = event.qty;
        copy.buyerIsMaker = event.buyerIsMaker;
        originNs[slot] = arrivalEpochNs;
        count++;
    }

    int size()
    {
        return count;
    }

    /** Hands every held trade, oldest first, to {@code feed} (which skips those already published) and empties the ring. */
    void drainTo(final InstrumentFeed feed)
    {
        for (int i = 0; i < count; i++)
        {
            final int slot = (start + i) % events.length;
            feed.trade(events[slot], originNs[slot]);
        }
        start = 0;
        count = 0;
    }
}
