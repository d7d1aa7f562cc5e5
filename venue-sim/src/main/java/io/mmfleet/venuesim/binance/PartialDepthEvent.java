package io.mmfleet.venuesim.binance;

import io.mmfleet.venuesim.engine.DepthView;
import io.mmfleet.venuesim.engine.InstrumentSpec;
import java.util.List;

/**
 * Binance's partial book depth event ({@code <symbol>@depth<levels>}): {@code lastUpdateId} and the top levels best
 * first as decimal strings, fields in the docs' order. Written by hand into a reused {@link TextFrameBuffer} like
 * {@link DiffDepthEvent}, so the frame costs nothing per level beyond the engine's own snapshot.
 */
public final class PartialDepthEvent
{
    private PartialDepthEvent()
    {
    }

    /** Writes the event for {@code depth} over {@code frame}'s content. */
    public static void write(final TextFrameBuffer frame, final InstrumentSpec spec, final DepthView depth)
    {
        frame.reset().appendAscii("{\"lastUpdateId\":").appendLong(depth.lastUpdateId()).appendAscii(",\"bids\":");
        levels(frame, spec, depth.bids());
        frame.appendAscii(",\"asks\":");
        levels(frame, spec, depth.asks());
        frame.append('}');
    }

    private static void levels(final TextFrameBuffer frame, final InstrumentSpec spec, final List<long[]> levels)
    {
        frame.append('[');
        for (int i = 0, n = levels.size(); i < n; i++)
        {
            final long[] level = levels.get(i);
            if (i > 0)
            {
                frame.append(',');
            }
            frame.append('[')
                .appendDecimalString(level[0], spec.priceScale())
                .append(',')
                .appendDecimalString(level[1], spec.qtyScale())
                .append(']');
        }
        frame.append(']');
    }
}
