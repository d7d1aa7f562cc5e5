package io.mmfleet.venuesim.engine;

/** Lifecycle states with Binance's names so a front end can pass them through unchanged. */
public enum OrderStatus
{
    NEW,
    PARTIALLY_FILLED,
    FILLED,
    CANCELED,
    REJECTED,
    EXPIRED,
    EXPIRED_IN_MATCH;

    /** True while the order can still trade or be cancelled. */
    public boolean isOpen()
    {
        return this == NEW || this == PARTIALLY_FILLED;
    }
}
