package io.mmfleet.venuesim.binance;

import io.mmfleet.venuesim.engine.InstrumentSpec;

/**
 * Binance's diff depth event ({@code depthUpdate}) for one {@link DepthWindow}: {@code U}/{@code u} the window's first
 * and last update ids, {@code b}/{@code a} its coalesced levels best first as decimal strings at the symbol's scales
 * (qty {@code "0.00000000"} removes a level). Written by hand into a reused {@link TextFrameBuffer}, fields in the
 * order Binance's docs print them, so a frame allocates nothing however many levels it lists. Kept apart from
 * {@link MarketStreamServer} so the market data path can be tested and benchmarked without a socket.
 */
public final class DiffDepthEvent
{
    private DiffDepthEvent()
    {
    }

    /** Writes the event for a non-empty window over {@code frame}'s content; the caller holds the window's lock. */
    public static void write(final TextFrameBuffer frame, final InstrumentSpec spec, final DepthWindow window,
        final long eventTimeMs)
    {
        frame.reset()
            .appendAscii("{\"e\":\"depthUpdate\",\"E\":").appendLong(eventTimeMs)
            .appendAscii(",\"s\":").appendString(spec.symbol())
            .appendAscii(",\"U\":").appendLong(window.firstUpdateId())
            .appendAscii(",\"u\":").appendLong(window.lastUpdateId())
            .appendAscii(",\"b\":");
        levels(frame, spec, window.bids());
        frame.appendAscii(",\"a\":");
        levels(frame, spec, window.asks());
        frame.append('}');
    }

    private static void levels(final TextFrameBuffer frame, final InstrumentSpec spec, final WindowLevels levels)
    {
        frame.append('[');
        for (int rank = 0; rank < levels.size(); rank++)
        {
            if (rank > 0)
            {
                frame.append(',');
            }
            frame.append('[')
                .appendDecimalString(levels.price(rank), spec.priceScale())
                .append(',')
                .appendDecimalString(levels.qty(rank), spec.qtyScale())
                .append(']');
        }
        frame.append(']');
    }
}
