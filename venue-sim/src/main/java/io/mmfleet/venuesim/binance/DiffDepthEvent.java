package io.mmfleet.venuesim.binance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmfleet.venuesim.engine.InstrumentSpec;
import java.util.Map;

/**
 * Binance's diff depth event ({@code depthUpdate}) for one {@link DepthWindow}: {@code U}/{@code u} the window's first
 * and last update ids, {@code b}/{@code a} its coalesced levels as decimal strings at the symbol's scales (qty
 * {@code "0.0000"} removes a level). Kept apart from {@link MarketStreamServer} so the market data path can be tested
 * and benchmarked without a socket.
 */
public final class DiffDepthEvent
{
    private DiffDepthEvent()
    {
    }

    /** The event for a non-empty window; the caller holds the window's lock. */
    public static ObjectNode build(final InstrumentSpec spec, final DepthWindow window, final long eventTimeMs)
    {
        final ObjectNode event = BinanceJson.MAPPER.createObjectNode();
        event.put("e", "depthUpdate");
        event.put("E", eventTimeMs);
        event.put("s", spec.symbol());
        event.put("U", window.firstUpdateId());
        event.put("u", window.lastUpdateId());
        levels(event.putArray("b"), spec, window.bids());
        levels(event.putArray("a"), spec, window.asks());
        return event;
    }

    private static void levels(final ArrayNode target, final InstrumentSpec spec, final Map<Long, Long> levels)
    {
        for (final Map.Entry<Long, Long> level : levels.entrySet())
        {
            target.addArray()
                .add(DecimalCodec.format(level.getKey(), spec.priceScale()))
                .add(DecimalCodec.format(level.getValue(), spec.qtyScale()));
        }
    }
}
