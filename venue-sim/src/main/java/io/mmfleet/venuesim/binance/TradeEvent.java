package io.mmfleet.venuesim.binance;

import io.mmfleet.venuesim.engine.InstrumentSpec;

/**
 * Binance's trade stream event ({@code <symbol>@trade}), fields in the docs' order, written by hand into a reused
 * {@link TextFrameBuffer} like the depth events: price and quantity as decimal strings at the symbol's scales, the
 * event and trade times both the engine's match time, and {@code M} (the docs' "ignore") always true.
 */
public final class TradeEvent
{
    private TradeEvent()
    {
    }

    /** Writes the event over {@code frame}'s content. */
    public static void write(final TextFrameBuffer frame, final InstrumentSpec spec, final long tradeId,
        final long price, final long qty, final boolean buyerIsMaker, final long timeMs)
    {
        frame.reset()
            .appendAscii("{\"e\":\"trade\",\"E\":").appendLong(timeMs)
            .appendAscii(",\"s\":").appendString(spec.symbol())
            .appendAscii(",\"t\":").appendLong(tradeId)
            .appendAscii(",\"p\":").appendDecimalString(price, spec.priceScale())
            .appendAscii(",\"q\":").appendDecimalString(qty, spec.qtyScale())
            .appendAscii(",\"T\":").appendLong(timeMs)
            .appendAscii(",\"m\":").appendBoolean(buyerIsMaker)
            .appendAscii(",\"M\":true}");
    }
}
