package io.mmfleet.venuesim.engine;

/** Immutable snapshot of an order; {@code working} is true while it rests on the book. */
public record OrderView(
    String symbol,
    long orderId,
    String clientOrderId,
    long accountId,
    Side side,
    OrderType type,
    TimeInForce tif,
    long price,
    long origQty,
    long executedQty,
    long cummulativeQuoteQty,
    OrderStatus status,
    StpMode stpMode,
    long timeMs,
    long updateTimeMs,
    boolean working)
{
}
