package io.mmfleet.venuesim.engine;

/** Order types the engine matches; LIMIT_MAKER is post-only and never takes liquidity. */
public enum OrderType
{
    LIMIT,
    LIMIT_MAKER,
    MARKET
}
