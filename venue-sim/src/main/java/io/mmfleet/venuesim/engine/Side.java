package io.mmfleet.venuesim.engine;

/** Side of an order from its owner's point of view. */
public enum Side
{
    BUY,
    SELL;

    public Side opposite()
    {
        return this == BUY ? SELL : BUY;
    }
}
