package io.mmfleet.exechandler.venue;

/** An order's status as the venue states it (Binance's order status values). */
public enum VenueOrderStatus
{
    NEW,
    PARTIALLY_FILLED,
    FILLED,
    PENDING_CANCEL,
    CANCELED,
    REJECTED,
    EXPIRED,
    /** Expired by self-trade prevention. */
    EXPIRED_IN_MATCH;

    public boolean isTerminal()
    {
        return this == FILLED || this == CANCELED || this == REJECTED || this == EXPIRED || this == EXPIRED_IN_MATCH;
    }
}
