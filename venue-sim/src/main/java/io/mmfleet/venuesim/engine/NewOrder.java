package io.mmfleet.venuesim.engine;

/**
 * A request to place an order. {@code price} is 0 for MARKET; {@code quoteOrderQty} is non-zero only for a MARKET
 * order sized in quote (then {@code qty} is 0). A null {@code clientOrderId} gets one assigned by the engine.
 * {@code timestampMs} is the client's request time, kept for the front end's recvWindow check.
 */
public record NewOrder(
    long accountId,
    String symbol,
    String clientOrderId,
    Side side,
    OrderType type,
    TimeInForce tif,
    long price,
    long qty,
    long quoteOrderQty,
    StpMode stpMode,
    long timestampMs)
{
}
