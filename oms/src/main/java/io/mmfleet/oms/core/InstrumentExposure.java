package io.mmfleet.oms.core;

import io.mmfleet.sbe.Side;

/**
 * What the OMS knows about one instrument on one venue: the position (as the position-server
 * reported it per strategy, plus fills seen since), the open and pending quantity per side, and the
 * top of the book. Quantities at the instrument's qty scale, prices at its price scale.
 */
public final class InstrumentExposure
{
    final int venueId;
    final int instrumentId;
    /** Σ over strategies of (reported position + fills since its sequence). */
    long position;
    /** Σ leaves of live buy orders, pending ones and both legs of a replace included. */
    long openBuy;
    long openSell;
    long bid;
    long ask;
    long bookNs;
    boolean bookKnown;
    boolean instrumentLive = true;
    /** Set once an InstrumentDefinition or any order made this pair known: a kill switch cancels all on it. */
    boolean tradable;

    InstrumentExposure(final int venueId, final int instrumentId)
    {
        this.venueId = venueId;
        this.instrumentId = instrumentId;
    }

    static long key(final int venueId, final int instrumentId)
    {
        return ((long)venueId << 32) | (instrumentId & 0xFFFF_FFFFL);
    }

    void addOpen(final Side side, final long qty)
    {
        if (side == Side.BUY)
        {
            openBuy += qty;
        }
        else
        {
            openSell += qty;
        }
    }

    public int venueId()
    {
        return venueId;
    }

    public int instrumentId()
    {
        return instrumentId;
    }

    /** Net position in base units: reported positions plus fills since, signed. */
    public long position()
    {
        return position;
    }

    public long openBuy()
    {
        return openBuy;
    }

    public long openSell()
    {
        return openSell;
    }

    /** Worst-case position if every open buy fills. */
    public long worstLong()
    {
        return FixedPoint.saturatedAdd(position, openBuy);
    }

    /** Worst-case position if every open sell fills. */
    public long worstShort()
    {
        return FixedPoint.saturatedAdd(position, -openSell);
    }
}
