package io.mmfleet.venuesim.engine;

/** How long the unfilled remainder of a LIMIT order lives; ignored for MARKET and LIMIT_MAKER. */
public enum TimeInForce
{
    GTC,
    IOC,
    FOK
}
