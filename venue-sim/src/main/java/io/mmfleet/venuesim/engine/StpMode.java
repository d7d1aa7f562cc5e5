package io.mmfleet.venuesim.engine;

/**
 * Self-trade prevention, Binance's selfTradePreventionMode values. The incoming (taker) order's mode decides what
 * happens when it would match a resting order of the same account.
 */
public enum StpMode
{
    NONE,
    EXPIRE_TAKER,
    EXPIRE_MAKER,
    EXPIRE_BOTH
}
